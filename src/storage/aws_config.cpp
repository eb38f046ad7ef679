#include "storage/aws_config.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace basin::storage {

namespace {

// Shared config files are small; anything bigger is not one.
constexpr uintmax_t kMaxConfigFileBytes = 16 << 20;

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// An unset or empty variable counts as absent, as in the AWS SDKs.
std::optional<std::string> Get(const Environment& environment, const std::string& name) {
  auto value = environment(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

struct LoadedFile {
  std::string path;
  AwsIniFile sections;
  bool present = false;
};

LoadedFile LoadIni(const std::string& path) {
  LoadedFile file;
  file.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return file;  // a missing file is simply not there, as for the AWS CLI
  in.seekg(0, std::ios::end);
  auto size = static_cast<uintmax_t>(in.tellg());
  if (size > kMaxConfigFileBytes) {
    ThrowInvalid(path + ": " + std::to_string(size) + " bytes is too large for an AWS config file");
  }
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  file.sections = ParseAwsIni(text.str(), path);
  file.present = true;
  return file;
}

const std::map<std::string, std::string>* Section(const LoadedFile& file, const std::string& name) {
  auto it = file.sections.find(name);
  return it == file.sections.end() ? nullptr : &it->second;
}

std::optional<std::string> Lookup(const std::map<std::string, std::string>* section,
                                  const std::string& key) {
  if (section == nullptr) return std::nullopt;
  auto it = section->find(key);
  if (it == section->end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string ExpandHome(const std::string& path, const Environment& environment) {
  if (!path.starts_with("~/")) return path;
  auto home = Get(environment, "HOME");
  return home ? *home + path.substr(1) : path;
}

S3AddressingStyle ParseAddressingStyle(const std::string& text, const std::string& where) {
  std::string lower = Lower(text);
  if (lower == "auto") return S3AddressingStyle::kAuto;
  if (lower == "path") return S3AddressingStyle::kPath;
  if (lower == "virtual") return S3AddressingStyle::kVirtual;
  ThrowInvalid(where + ": addressing style '" + text + "' is not auto, path or virtual");
}

int ParseMaxAttempts(const std::string& text, const std::string& where) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < 1 || value > 100) {
    ThrowInvalid(where + ": max attempts '" + text + "' is not a number from 1 to 100");
  }
  return static_cast<int>(value);
}

void CheckEndpoint(const std::string& url, const std::string& where) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    ThrowInvalid(where + ": endpoint '" + url + "' must start with http:// or https://");
  }
}

bool IsTrue(const std::optional<std::string>& value) { return value && Lower(*value) == "true"; }

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

AwsIniFile ParseAwsIni(std::string_view text, std::string_view source) {
  AwsIniFile sections;
  std::map<std::string, std::string>* current = nullptr;
  std::string nested_parent;  // the "s3" of "s3 =" while its indented lines follow
  size_t line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    auto fail = [&](const std::string& what) {
      ThrowInvalid(std::string(source) + ":" + std::to_string(line_number) + ": " + what);
    };
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (line[0] == '[') {
      if (line.back() != ']') fail("a section header must end with ']'");
      std::string name = Trim(std::string_view(line).substr(1, line.size() - 2));
      // "[profile   dev]" and "[profile dev]" name the same profile.
      if (name.starts_with("profile ") || name.starts_with("services ")) {
        size_t space = name.find(' ');
        name = name.substr(0, space) + " " + Trim(std::string_view(name).substr(space + 1));
      }
      current = &sections[name];
      nested_parent.clear();
      continue;
    }
    size_t equals = line.find('=');
    if (equals == std::string::npos) fail("expected 'key = value' or a [section] header");
    if (current == nullptr) fail("a setting before the first [section] header");
    std::string key = Lower(Trim(std::string_view(line).substr(0, equals)));
    std::string value = Trim(std::string_view(line).substr(equals + 1));
    if (key.empty()) fail("a setting without a name");
    if (indented && !nested_parent.empty()) {
      (*current)[nested_parent + "." + key] = value;
      continue;
    }
    nested_parent = value.empty() ? key : std::string();
    (*current)[key] = value;
  }
  return sections;
}

uint64_t ParseByteSize(std::string_view text, std::string_view what) {
  std::string trimmed = Trim(text);
  size_t digits = 0;
  while (digits < trimmed.size() && std::isdigit(static_cast<unsigned char>(trimmed[digits]))) {
    ++digits;
  }
  auto fail = [&]() {
    ThrowInvalid(std::string(what) + ": '" + std::string(text) +
                 "' is not a size (write e.g. 8MB or 8388608)");
  };
  if (digits == 0 || digits > 15) fail();
  uint64_t number = std::stoull(trimmed.substr(0, digits));
  std::string unit = Lower(Trim(std::string_view(trimmed).substr(digits)));
  uint64_t scale = 1;
  if (unit.empty() || unit == "b") {
    scale = 1;
  } else if (unit == "kb" || unit == "kib") {
    scale = uint64_t{1} << 10;
  } else if (unit == "mb" || unit == "mib") {
    scale = uint64_t{1} << 20;
  } else if (unit == "gb" || unit == "gib") {
    scale = uint64_t{1} << 30;
  } else {
    fail();
  }
  if (number > (uint64_t{1} << 50) / scale) fail();
  return number * scale;
}

AwsConfig ResolveAwsConfig(const Environment& environment) {
  AwsConfig config;
  auto home = Get(environment, "HOME");
  std::string aws_dir = home ? *home + "/.aws/" : std::string(".aws/");
  LoadedFile credentials_file = LoadIni(
      ExpandHome(Get(environment, "AWS_SHARED_CREDENTIALS_FILE").value_or(aws_dir + "credentials"),
                 environment));
  LoadedFile config_file = LoadIni(
      ExpandHome(Get(environment, "AWS_CONFIG_FILE").value_or(aws_dir + "config"), environment));

  std::string profile_variable;
  if (auto profile = Get(environment, "AWS_PROFILE")) {
    config.profile = *profile;
    profile_variable = "AWS_PROFILE";
  } else if (auto default_profile = Get(environment, "AWS_DEFAULT_PROFILE")) {
    config.profile = *default_profile;
    profile_variable = "AWS_DEFAULT_PROFILE";
  }
  const auto* credentials_section = Section(credentials_file, config.profile);
  const auto* config_section =
      Section(config_file, config.profile == "default" ? "default" : "profile " + config.profile);
  if (config_section == nullptr && config.profile == "default") {
    config_section = Section(config_file, "profile default");
  }
  if (!profile_variable.empty() && credentials_section == nullptr && config_section == nullptr) {
    ThrowInvalid("the AWS profile '" + config.profile + "' named by " + profile_variable +
                 " is in neither " + credentials_file.path + " nor " + config_file.path);
  }

  // Credentials: the environment first, then the profile's keys.
  auto access_key = Get(environment, "AWS_ACCESS_KEY_ID");
  auto secret_key = Get(environment, "AWS_SECRET_ACCESS_KEY");
  if (access_key || secret_key) {
    if (!access_key || !secret_key) {
      ThrowInvalid(std::string(access_key ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") +
                   " is set but " + (access_key ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
                   " is not: set both, or neither to use a profile");
    }
    config.credentials = {*access_key, *secret_key,
                          Get(environment, "AWS_SESSION_TOKEN").value_or("")};
    config.credentials_source = "the environment (AWS_ACCESS_KEY_ID)";
  } else {
    for (auto [section, file] : {std::pair{credentials_section, &credentials_file},
                                 std::pair{config_section, &config_file}}) {
      auto id = Lookup(section, "aws_access_key_id");
      auto secret = Lookup(section, "aws_secret_access_key");
      if (!id && !secret) continue;
      if (!id || !secret) {
        ThrowInvalid(file->path + ": profile '" + config.profile + "' has " +
                     (id ? "aws_access_key_id" : "aws_secret_access_key") + " but not " +
                     (id ? "aws_secret_access_key" : "aws_access_key_id"));
      }
      config.credentials = {*id, *secret, Lookup(section, "aws_session_token").value_or("")};
      config.credentials_source = "profile '" + config.profile + "' in " + file->path;
      break;
    }
  }

  if (auto region = Get(environment, "AWS_REGION")) {
    config.region = *region;
  } else if (auto default_region = Get(environment, "AWS_DEFAULT_REGION")) {
    config.region = *default_region;
  } else if (auto profile_region = Lookup(config_section, "region")) {
    config.region = *profile_region;
  }

  bool ignore_endpoints = IsTrue(Get(environment, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
                          IsTrue(Lookup(config_section, "ignore_configured_endpoint_urls"));
  if (!ignore_endpoints) {
    std::optional<std::string> endpoint;
    std::string where;
    if ((endpoint = Get(environment, "AWS_ENDPOINT_URL_S3"))) {
      where = "AWS_ENDPOINT_URL_S3";
    } else if ((endpoint = Get(environment, "AWS_ENDPOINT_URL"))) {
      where = "AWS_ENDPOINT_URL";
    } else {
      where = config_file.path + " (profile '" + config.profile + "')";
      if (auto services = Lookup(config_section, "services")) {
        endpoint = Lookup(Section(config_file, "services " + *services), "s3.endpoint_url");
      }
      if (!endpoint) endpoint = Lookup(config_section, "s3.endpoint_url");
      if (!endpoint) endpoint = Lookup(config_section, "endpoint_url");
    }
    if (endpoint) {
      CheckEndpoint(*endpoint, where);
      config.endpoint_url = *endpoint;
      while (config.endpoint_url.ends_with('/')) config.endpoint_url.pop_back();
    }
  }

  if (auto style = Get(environment, "BASIN_S3_ADDRESSING_STYLE")) {
    config.addressing_style = ParseAddressingStyle(*style, "BASIN_S3_ADDRESSING_STYLE");
  } else if (auto profile_style = Lookup(config_section, "s3.addressing_style")) {
    config.addressing_style = ParseAddressingStyle(*profile_style, config_file.path);
  }

  if (auto attempts = Get(environment, "AWS_MAX_ATTEMPTS")) {
    config.max_attempts = ParseMaxAttempts(*attempts, "AWS_MAX_ATTEMPTS");
  } else if (auto profile_attempts = Lookup(config_section, "max_attempts")) {
    config.max_attempts = ParseMaxAttempts(*profile_attempts, config_file.path);
  }

  std::optional<std::string> part_size = Get(environment, "BASIN_S3_PART_SIZE");
  std::string part_size_where = "BASIN_S3_PART_SIZE";
  if (!part_size) {
    part_size = Lookup(config_section, "s3.multipart_chunksize");
    part_size_where = config_file.path + " (s3 multipart_chunksize)";
  }
  if (part_size) {
    config.part_size = ParseByteSize(*part_size, part_size_where);
    if (config.part_size < kMinPartSize || config.part_size > kMaxPartSize) {
      ThrowInvalid(part_size_where + ": part size " + *part_size +
                   " is outside S3's limits of 5MiB to 5GiB");
    }
  }

  if (auto bundle = Get(environment, "AWS_CA_BUNDLE")) {
    config.ca_bundle = ExpandHome(*bundle, environment);
  } else if (auto profile_bundle = Lookup(config_section, "ca_bundle")) {
    config.ca_bundle = ExpandHome(*profile_bundle, environment);
  }
  return config;
}

}  // namespace basin::storage
