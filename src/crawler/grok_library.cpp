// The built-in Grok patterns, written for RE2 (no look-around, no atomic groups), in the
// spirit of the Logstash library that Glue's Grok classifiers build on.
#include <string_view>

#include "crawler/grok.hpp"

namespace basin::crawler {

namespace {

struct NamedPattern {
  std::string_view name;
  const char* regex;
};

constexpr NamedPattern kLibrary[] = {
    {"USERNAME", R"re([a-zA-Z0-9._-]+)re"},
    {"USER", R"re(%{USERNAME})re"},
    {"EMAILLOCALPART", R"re([a-zA-Z][a-zA-Z0-9_.+-=:]+)re"},
    {"EMAILADDRESS", R"re(%{EMAILLOCALPART}@%{HOSTNAME})re"},
    {"INT", R"re((?:[+-]?(?:[0-9]+)))re"},
    {"BASE10NUM", R"re((?:[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)))re"},
    {"NUMBER", R"re((?:%{BASE10NUM}))re"},
    {"BASE16NUM", R"re((?:[+-]?(?:0x)?(?:[0-9A-Fa-f]+)))re"},
    {"POSINT", R"re(\b(?:[1-9][0-9]*)\b)re"},
    {"NONNEGINT", R"re(\b(?:[0-9]+)\b)re"},
    {"WORD", R"re(\b\w+\b)re"},
    {"NOTSPACE", R"re(\S+)re"},
    {"SPACE", R"re(\s*)re"},
    {"DATA", R"re(.*?)re"},
    {"GREEDYDATA", R"re(.*)re"},
    {"QUOTEDSTRING", R"re((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`))re"},
    {"QS", R"re(%{QUOTEDSTRING})re"},
    {"UUID", R"re([A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12})re"},
    {"MAC", R"re((?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}|(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4})re"},
    {"IPV6", R"re((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|(?:[0-9A-Fa-f]{1,4}:){0,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}|::)re"},
    {"IPV4", R"re((?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))re"},
    {"IP", R"re((?:%{IPV4}|%{IPV6}))re"},
    {"HOSTNAME", R"re(\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*\.?)re"},
    {"HOST", R"re(%{HOSTNAME})re"},
    {"IPORHOST", R"re((?:%{IP}|%{HOSTNAME}))re"},
    {"HOSTPORT", R"re(%{IPORHOST}:%{POSINT})re"},
    {"UNIXPATH", R"re((?:/[\w_%!$@:.,+~-]*)+)re"},
    {"WINPATH", R"re((?:[A-Za-z]+:|\\)(?:\\[^\\?*]*)+)re"},
    {"PATH", R"re((?:%{UNIXPATH}|%{WINPATH}))re"},
    {"URIPROTO", R"re([A-Za-z][A-Za-z0-9+\-.]*)re"},
    {"URIHOST", R"re(%{IPORHOST}(?::%{POSINT})?)re"},
    {"URIPATH", R"re((?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_\-]*)+)re"},
    {"URIPARAM", R"re(\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\-\[\]<>]*)re"},
    {"URIPATHPARAM", R"re(%{URIPATH}(?:%{URIPARAM})?)re"},
    {"URI", R"re(%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?)re"},
    {"MONTH", R"re(\b(?:[Jj]an(?:uary|uar)?|[Ff]eb(?:ruary|ruar)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]un(?:e)?|[Jj]ul(?:y)?|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\b)re"},
    {"MONTHNUM", R"re((?:0?[1-9]|1[0-2]))re"},
    {"MONTHNUM2", R"re((?:0[1-9]|1[0-2]))re"},
    {"MONTHDAY", R"re((?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9]))re"},
    {"DAY", R"re((?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?))re"},
    {"YEAR", R"re((?:\d\d){1,2})re"},
    {"HOUR", R"re((?:2[0123]|[01]?[0-9]))re"},
    {"MINUTE", R"re((?:[0-5][0-9]))re"},
    {"SECOND", R"re((?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?))re"},
    {"TIME", R"re(%{HOUR}:%{MINUTE}(?::%{SECOND})?)re"},
    {"DATE_US", R"re(%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR})re"},
    {"DATE_EU", R"re(%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR})re"},
    {"DATE", R"re(%{DATE_US}|%{DATE_EU})re"},
    {"ISO8601_TIMEZONE", R"re((?:Z|[+-]%{HOUR}(?::?%{MINUTE})))re"},
    {"ISO8601_SECOND", R"re((?:%{SECOND}|60))re"},
    {"TIMESTAMP_ISO8601", R"re(%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?)re"},
    {"DATESTAMP", R"re(%{DATE}[- ]%{TIME})re"},
    {"TZ", R"re((?:[APMCE][SD]T|UTC))re"},
    {"HTTPDATE", R"re(%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT})re"},
    {"SYSLOGTIMESTAMP", R"re(%{MONTH} +%{MONTHDAY} %{TIME})re"},
    {"PROG", R"re([\x21-\x5a\x5c\x5e-\x7e]+)re"},
    {"SYSLOGPROG", R"re(%{PROG:program}(?:\[%{POSINT:pid}\])?)re"},
    {"SYSLOGHOST", R"re(%{IPORHOST})re"},
    {"SYSLOGBASE", R"re(%{SYSLOGTIMESTAMP:timestamp} (?:%{SYSLOGHOST:logsource} )?%{SYSLOGPROG}:)re"},
    {"LOGLEVEL", R"re((?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?))re"},
    {"COMMONAPACHELOG", R"re(%{IPORHOST:clientip} %{USER:ident} %{USER:auth} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NUMBER:response} (?:%{NUMBER:bytes}|-))re"},
    {"COMBINEDAPACHELOG", R"re(%{COMMONAPACHELOG} %{QS:referrer} %{QS:agent})re"},
};

}  // namespace

const char* BuiltinGrokPattern(std::string_view name) {
  for (const auto& entry : kLibrary) {
    if (entry.name == name) return entry.regex;
  }
  return nullptr;
}

}  // namespace basin::crawler
