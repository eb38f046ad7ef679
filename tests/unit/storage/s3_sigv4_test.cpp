// SigV4 against published vectors: the AWS SigV4 test suite (get-vanilla,
// get-vanilla-query-order-key-case) and the worked S3 examples of the S3 API reference
// (examplebucket, 20130524). Their canonical-request hashes and signatures were also recomputed
// from the algorithm's description with Python's hmac/hashlib. The last cases were produced by
// botocore's S3SigV4Auth (the AWS CLI's signer) for S3 requests with awkward keys, a listing
// query and a session token.

#include <gtest/gtest.h>

#include <chrono>

#include "storage/sigv4.hpp"

namespace basin::storage {
namespace {

constexpr char kEmptyHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string Signature(const std::string& authorization) {
  return authorization.substr(authorization.rfind('=') + 1);
}

TEST(SigV4Test, HashesAndHmac) {
  EXPECT_EQ(Sha256Hex(""), kEmptyHash);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  auto mac = HmacSha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(HexEncode(mac.data(), mac.size()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SigV4Test, UriEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UriEncode("a-b_c.d~e", true), "a-b_c.d~e");
  EXPECT_EQ(UriEncode("a b+c=d/e", true), "a%20b%2Bc%3Dd%2Fe");
  EXPECT_EQ(UriEncode("dir/a b", false), "dir/a%20b");
  EXPECT_EQ(UriEncode("\xC3\xA9*", true), "%C3%A9%2A");
}

TEST(SigV4Test, AmzDateIsUtc) {
  auto time = std::chrono::system_clock::time_point(std::chrono::seconds(1369353600));
  EXPECT_EQ(AmzDate(time), "20130524T000000Z");
}

TEST(SigV4Test, SuiteGetVanilla) {
  SigningRequest request;
  request.method = "GET";
  request.canonical_uri = "/";
  request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  request.payload_hash = kEmptyHash;
  std::string signed_headers;
  std::string canonical = CanonicalRequest(request, &signed_headers);
  EXPECT_EQ(signed_headers, "host;x-amz-date");
  EXPECT_EQ(Sha256Hex(canonical),
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  AwsCredentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  std::string authorization =
      AuthorizationHeader(request, credentials, "us-east-1", "service", "20150830T123600Z");
  EXPECT_EQ(authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Test, SuiteGetVanillaQueryOrderKeyCase) {
  SigningRequest request;
  request.method = "GET";
  request.canonical_uri = "/";
  request.query = {{"Param2", "value2"}, {"Param1", "value1"}};
  request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  request.payload_hash = kEmptyHash;
  EXPECT_EQ(CanonicalQueryString(request.query), "Param1=value1&Param2=value2");
  AwsCredentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials, "us-east-1", "service",
                                          "20150830T123600Z")),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

class S3ExampleTest : public ::testing::Test {
 protected:
  AwsCredentials credentials_{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                              ""};
  static constexpr char kDate[] = "20130524T000000Z";

  SigningRequest Get(std::string uri, std::vector<NameValue> query) {
    SigningRequest request;
    request.method = "GET";
    request.canonical_uri = std::move(uri);
    request.query = std::move(query);
    request.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                       {"x-amz-content-sha256", kEmptyHash},
                       {"x-amz-date", kDate}};
    request.payload_hash = kEmptyHash;
    return request;
  }
};

TEST_F(S3ExampleTest, GetObjectWithRange) {
  SigningRequest request = Get("/test.txt", {});
  request.headers.insert(request.headers.begin() + 1, {"Range", "bytes=0-9"});
  std::string canonical = CanonicalRequest(request, nullptr);
  EXPECT_EQ(canonical,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:" +
                std::string(kEmptyHash) +
                "\nx-amz-date:20130524T000000Z\n\n"
                "host;range;x-amz-content-sha256;x-amz-date\n" +
                kEmptyHash);
  std::string scope = CredentialScope(kDate, "us-east-1", "s3");
  EXPECT_EQ(scope, "20130524/us-east-1/s3/aws4_request");
  EXPECT_EQ(StringToSign(kDate, scope, canonical),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(AuthorizationHeader(request, credentials_, "us-east-1", "s3", kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_F(S3ExampleTest, PutObjectWithPayloadAndEncodedKey) {
  std::string body = "Welcome to Amazon S3.";
  SigningRequest request;
  request.method = "PUT";
  request.canonical_uri = "/" + UriEncode("test$file.text", false);
  request.payload_hash = Sha256Hex(body);
  EXPECT_EQ(request.payload_hash,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  request.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                     {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                     {"x-amz-date", kDate},
                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                     {"x-amz-content-sha256", request.payload_hash}};
  EXPECT_EQ(Sha256Hex(CanonicalRequest(request, nullptr)),
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "us-east-1", "s3", kDate)),
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_F(S3ExampleTest, GetBucketLifecycleSubresource) {
  SigningRequest request = Get("/", {{"lifecycle", ""}});
  EXPECT_EQ(CanonicalQueryString(request.query), "lifecycle=");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "us-east-1", "s3", kDate)),
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST_F(S3ExampleTest, ListObjects) {
  SigningRequest request = Get("/", {{"prefix", "J"}, {"max-keys", "2"}});
  EXPECT_EQ(Sha256Hex(CanonicalRequest(request, nullptr)),
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "us-east-1", "s3", kDate)),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

class BotocoreTest : public ::testing::Test {
 protected:
  AwsCredentials credentials_{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                              "FQoGZXIvYXdzEXAMPLETOKEN/+="};
  static constexpr char kDate[] = "20240102T030405Z";

  SigningRequest Request(std::string method, std::string host, std::string uri,
                         std::vector<NameValue> query, std::string payload_hash) {
    SigningRequest request;
    request.method = std::move(method);
    request.canonical_uri = std::move(uri);
    request.query = std::move(query);
    request.headers = {{"host", std::move(host)},
                       {"x-amz-date", kDate},
                       {"x-amz-content-sha256", payload_hash},
                       {"x-amz-security-token", credentials_.session_token}};
    request.payload_hash = std::move(payload_hash);
    return request;
  }
};

TEST_F(BotocoreTest, RangedGetOfAKeyWithReservedAndUtf8Characters) {
  SigningRequest request =
      Request("GET", "127.0.0.1:9000",
              "/lake/" + UriEncode("data/year=2024/a b+c~\xC3\xA9.parquet", false), {}, kEmptyHash);
  EXPECT_EQ(request.canonical_uri, "/lake/data/year%3D2024/a%20b%2Bc~%C3%A9.parquet");
  request.headers.emplace_back("Range", "bytes=100-199");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "eu-west-1", "s3", kDate)),
            "cb4ddbe1503575f8430492eedaf816972c1240b48618d4beabde14063fce1755");
}

TEST_F(BotocoreTest, ListObjectsV2WithContinuationToken) {
  SigningRequest request = Request("GET", "127.0.0.1:9000", "/lake",
                                   {{"list-type", "2"},
                                    {"max-keys", "1000"},
                                    {"prefix", "movie rental/"},
                                    {"delimiter", "/"},
                                    {"continuation-token", "1/abc=="}},
                                   kEmptyHash);
  EXPECT_EQ(CanonicalQueryString(request.query),
            "continuation-token=1%2Fabc%3D%3D&delimiter=%2F&list-type=2&max-keys=1000&"
            "prefix=movie%20rental%2F");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "eu-west-1", "s3", kDate)),
            "d55904b8d649ec12d2a938526ebb7356494e87d78241e639aef5c55ca4882f18");
}

TEST_F(BotocoreTest, UploadPartOnAVirtualHost) {
  std::string body = "a,b\n1,2\n";
  SigningRequest request = Request("PUT", "lake.s3.eu-west-1.amazonaws.com", "/x.csv",
                                   {{"partNumber", "2"}, {"uploadId", "abc/def"}}, Sha256Hex(body));
  request.headers.emplace_back("Content-Type", "application/octet-stream");
  std::string signed_headers;
  CanonicalRequest(request, &signed_headers);
  EXPECT_EQ(signed_headers,
            "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  EXPECT_EQ(Signature(AuthorizationHeader(request, credentials_, "eu-west-1", "s3", kDate)),
            "2a23c462311d588eed472ec31080689736d664af73c5a4bdee20a1adb6ff0190");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndRepeatsJoined) {
  SigningRequest request;
  request.method = "GET";
  request.canonical_uri = "/";
  request.headers = {
      {"X-Amz-Meta-A", "  two   spaces  "}, {"x-amz-meta-a", "second"}, {"Host", "h"}};
  request.payload_hash = kEmptyHash;
  std::string signed_headers;
  std::string canonical = CanonicalRequest(request, &signed_headers);
  EXPECT_EQ(signed_headers, "host;x-amz-meta-a");
  EXPECT_NE(canonical.find("\nhost:h\nx-amz-meta-a:two spaces,second\n\n"), std::string::npos)
      << canonical;
}

}  // namespace
}  // namespace basin::storage
