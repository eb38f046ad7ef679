// Resolution of credentials, region, endpoint and S3 settings by the AWS conventions, from a
// temporary HOME with ~/.aws files and a given set of environment variables.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/error.hpp"
#include "storage/aws_config.hpp"
#include "storage/s3_client.hpp"

namespace basin::storage {
namespace {

class AwsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = std::filesystem::temp_directory_path() /
            ("basin-aws-config-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(home_);
    std::filesystem::create_directories(home_ / ".aws");
    variables_["HOME"] = home_.string();
  }
  void TearDown() override { std::filesystem::remove_all(home_); }

  void WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(home_ / ".aws" / name) << text;
  }

  AwsConfig Resolve() {
    return ResolveAwsConfig([this](const std::string& name) -> std::optional<std::string> {
      auto it = variables_.find(name);
      if (it == variables_.end()) return std::nullopt;
      return it->second;
    });
  }

  ErrorCode ResolveError(std::string* message) {
    try {
      Resolve();
    } catch (const Error& error) {
      *message = error.what();
      return error.code();
    }
    ADD_FAILURE() << "expected a basin::Error";
    return ErrorCode::kInternal;
  }

  std::filesystem::path home_;
  std::map<std::string, std::string> variables_;
};

TEST_F(AwsConfigTest, DefaultsWithoutAnyConfiguration) {
  AwsConfig config = Resolve();
  EXPECT_EQ(config.profile, "default");
  EXPECT_TRUE(config.credentials.empty());
  EXPECT_EQ(config.region, "us-east-1");
  EXPECT_EQ(config.endpoint_url, "");
  EXPECT_EQ(config.addressing_style, S3AddressingStyle::kAuto);
  EXPECT_EQ(config.max_attempts, 5);
  EXPECT_EQ(config.part_size, kDefaultPartSize);
}

TEST_F(AwsConfigTest, EnvironmentVariables) {
  variables_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  variables_["AWS_SECRET_ACCESS_KEY"] = "secret/env";
  variables_["AWS_SESSION_TOKEN"] = "token";
  variables_["AWS_DEFAULT_REGION"] = "eu-central-1";
  variables_["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9000/";
  variables_["AWS_MAX_ATTEMPTS"] = "7";
  variables_["BASIN_S3_PART_SIZE"] = "16MB";
  variables_["BASIN_S3_ADDRESSING_STYLE"] = "virtual";
  AwsConfig config = Resolve();
  EXPECT_EQ(config.credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(config.credentials.secret_access_key, "secret/env");
  EXPECT_EQ(config.credentials.session_token, "token");
  EXPECT_NE(config.credentials_source.find("environment"), std::string::npos);
  EXPECT_EQ(config.region, "eu-central-1");
  EXPECT_EQ(config.endpoint_url, "http://127.0.0.1:9000");
  EXPECT_EQ(config.max_attempts, 7);
  EXPECT_EQ(config.part_size, 16u << 20);
  EXPECT_EQ(config.addressing_style, S3AddressingStyle::kVirtual);

  // AWS_REGION wins over AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL.
  variables_["AWS_REGION"] = "ap-south-1";
  variables_["AWS_ENDPOINT_URL_S3"] = "https://minio.example:9443";
  config = Resolve();
  EXPECT_EQ(config.region, "ap-south-1");
  EXPECT_EQ(config.endpoint_url, "https://minio.example:9443");
}

TEST_F(AwsConfigTest, DefaultProfileFromTheSharedFiles) {
  WriteFile("credentials",
            "# keys\n[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key=s3cr3t\n\n"
            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n"
            "aws_session_token = devtoken\n");
  WriteFile("config",
            "[default]\nregion = eu-west-1\nendpoint_url = http://localhost:4566\n"
            "s3 =\n  addressing_style = path\n  multipart_chunksize = 10MB\n"
            "max_attempts = 3\n\n"
            "[profile dev]\nregion = us-west-2\n");
  AwsConfig config = Resolve();
  EXPECT_EQ(config.credentials.access_key_id, "AKIDFILE");
  EXPECT_EQ(config.credentials.secret_access_key, "s3cr3t");
  EXPECT_EQ(config.credentials.session_token, "");
  EXPECT_NE(config.credentials_source.find("profile 'default'"), std::string::npos);
  EXPECT_NE(config.credentials_source.find((home_ / ".aws/credentials").string()),
            std::string::npos);
  EXPECT_EQ(config.region, "eu-west-1");
  EXPECT_EQ(config.endpoint_url, "http://localhost:4566");
  EXPECT_EQ(config.addressing_style, S3AddressingStyle::kPath);
  EXPECT_EQ(config.part_size, 10u << 20);
  EXPECT_EQ(config.max_attempts, 3);  // after the nested block, back at the profile level

  // Environment keys still win over the profile's, as in the AWS CLI.
  variables_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  variables_["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  EXPECT_EQ(Resolve().credentials.access_key_id, "AKIDENV");
}

TEST_F(AwsConfigTest, NamedProfileWithServicesSection) {
  WriteFile("credentials",
            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n"
            "aws_session_token = devtoken\n");
  WriteFile("config",
            "[default]\nregion = eu-west-1\n"
            "[profile   dev]\nregion = us-west-2\nservices = local\n"
            "endpoint_url = http://not-for-s3:1\n"
            "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:4568\n");
  variables_["AWS_PROFILE"] = "dev";
  AwsConfig config = Resolve();
  EXPECT_EQ(config.profile, "dev");
  EXPECT_EQ(config.credentials.access_key_id, "AKIDDEV");
  EXPECT_EQ(config.credentials.session_token, "devtoken");
  EXPECT_EQ(config.region, "us-west-2");
  EXPECT_EQ(config.endpoint_url, "http://127.0.0.1:4568");

  // The environment's endpoint wins; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS drops them all.
  variables_["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9999";
  EXPECT_EQ(Resolve().endpoint_url, "http://127.0.0.1:9999");
  variables_["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
  EXPECT_EQ(Resolve().endpoint_url, "");
}

TEST_F(AwsConfigTest, KeysInTheConfigFileAndOtherFileLocations) {
  std::filesystem::create_directories(home_ / "elsewhere");
  std::ofstream(home_ / "elsewhere" / "conf")
      << "[profile ci]\naws_access_key_id = AKIDCONF\naws_secret_access_key = confsecret\n"
         "region = sa-east-1\n";
  variables_["AWS_CONFIG_FILE"] = "~/elsewhere/conf";
  variables_["AWS_DEFAULT_PROFILE"] = "ci";
  AwsConfig config = Resolve();
  EXPECT_EQ(config.profile, "ci");
  EXPECT_EQ(config.credentials.access_key_id, "AKIDCONF");
  EXPECT_NE(config.credentials_source.find("elsewhere/conf"), std::string::npos);
  EXPECT_EQ(config.region, "sa-east-1");
}

TEST_F(AwsConfigTest, MistakesAreInvalidInputSayingWhatToFix) {
  std::string message;
  variables_["AWS_PROFILE"] = "nope";
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'nope'"), std::string::npos) << message;
  EXPECT_NE(message.find("AWS_PROFILE"), std::string::npos) << message;
  variables_.erase("AWS_PROFILE");

  variables_["AWS_ACCESS_KEY_ID"] = "AKIDONLY";
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << message;
  variables_.erase("AWS_ACCESS_KEY_ID");

  WriteFile("credentials", "[default]\naws_secret_access_key = lonely\n");
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("aws_access_key_id"), std::string::npos) << message;
  WriteFile("credentials", "");

  WriteFile("config", "[default]\nregion = x\nthis line has no equals sign\n");
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("config:3"), std::string::npos) << message;
  WriteFile("config", "key = before any section\n");
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  WriteFile("config", "");

  variables_["AWS_ENDPOINT_URL"] = "127.0.0.1:9000";
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("http://"), std::string::npos) << message;
  variables_.erase("AWS_ENDPOINT_URL");

  for (const char* bad : {"1MB", "6GB", "lots", "12XB", ""}) {
    variables_["BASIN_S3_PART_SIZE"] = bad;
    if (std::string(bad).empty()) {
      EXPECT_EQ(Resolve().part_size, kDefaultPartSize);  // empty counts as unset
      continue;
    }
    EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput) << bad;
    EXPECT_NE(message.find("BASIN_S3_PART_SIZE"), std::string::npos) << message;
  }
  variables_.erase("BASIN_S3_PART_SIZE");
  variables_["AWS_MAX_ATTEMPTS"] = "0";
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
  variables_["AWS_MAX_ATTEMPTS"] = "3";
  variables_["BASIN_S3_ADDRESSING_STYLE"] = "sideways";
  EXPECT_EQ(ResolveError(&message), ErrorCode::kInvalidInput);
}

TEST(AwsIniTest, NestedBlocksAndComments) {
  AwsIniFile file = ParseAwsIni(
      "; comment\r\n[profile a]\r\ns3 =\r\n    addressing_style = virtual\r\n"
      "\tendpoint_url = http://x\r\nregion=eu-north-1\r\n  indented = plain\r\n",
      "test");
  ASSERT_EQ(file.count("profile a"), 1u);
  const auto& a = file["profile a"];
  EXPECT_EQ(a.at("s3.addressing_style"), "virtual");
  EXPECT_EQ(a.at("s3.endpoint_url"), "http://x");
  EXPECT_EQ(a.at("region"), "eu-north-1");
  EXPECT_EQ(a.at("indented"), "plain");
}

TEST(ByteSizeTest, AwsCliUnitsAreBinary) {
  EXPECT_EQ(ParseByteSize("5242880", "t"), 5242880u);
  EXPECT_EQ(ParseByteSize("8MB", "t"), 8u << 20);
  EXPECT_EQ(ParseByteSize("8 MiB", "t"), 8u << 20);
  EXPECT_EQ(ParseByteSize("1GB", "t"), 1u << 30);
  EXPECT_EQ(ParseByteSize("64kb", "t"), 64u << 10);
  EXPECT_THROW(ParseByteSize("99999999999999999999", "t"), Error);
  EXPECT_THROW(ParseByteSize("-5MB", "t"), Error);
}

TEST(S3EndpointTest, AddressingFollowsTheStyleAndTheEndpoint) {
  AwsConfig aws;
  aws.region = "eu-west-1";
  S3Client client(aws);
  EXPECT_EQ(client.endpoint(), "https://s3.eu-west-1.amazonaws.com");
  // Auto: virtual-hosted on AWS for DNS-compatible names without dots, path style otherwise.
  EXPECT_EQ(client.UrlFor({"lake", "a/b.parquet"}),
            "https://lake.s3.eu-west-1.amazonaws.com/a/b.parquet");
  EXPECT_EQ(client.UrlFor({"my.lake", "k"}), "https://s3.eu-west-1.amazonaws.com/my.lake/k");
  EXPECT_EQ(client.UrlFor({"My_Lake", "k"}), "https://s3.eu-west-1.amazonaws.com/My_Lake/k");
  EXPECT_EQ(client.UrlFor({"lake", ""}), "https://lake.s3.eu-west-1.amazonaws.com/");

  aws.addressing_style = S3AddressingStyle::kPath;
  EXPECT_EQ(S3Client(aws).UrlFor({"lake", "x y"}), "https://s3.eu-west-1.amazonaws.com/lake/x%20y");
  EXPECT_EQ(S3Client(aws).UrlFor({"lake", ""}), "https://s3.eu-west-1.amazonaws.com/lake");

  aws.region = "cn-north-1";
  EXPECT_EQ(S3Client(aws).endpoint(), "https://s3.cn-north-1.amazonaws.com.cn");

  // Custom endpoints: path style unless asked; default ports dropped; a base path kept.
  AwsConfig custom;
  custom.endpoint_url = "https://minio.internal:443/storage";
  S3Client minio(custom);
  EXPECT_EQ(minio.endpoint(), "https://minio.internal/storage");
  EXPECT_EQ(minio.UrlFor({"lake", "k"}), "https://minio.internal/storage/lake/k");
  custom.addressing_style = S3AddressingStyle::kVirtual;
  EXPECT_EQ(S3Client(custom).UrlFor({"lake", "k"}), "https://lake.minio.internal/storage/k");
}

}  // namespace
}  // namespace basin::storage
