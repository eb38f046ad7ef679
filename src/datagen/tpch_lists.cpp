#include "datagen/tpch_lists.hpp"

#include <array>
#include <string>

namespace basin::datagen::tpch {

namespace {

constexpr std::array<std::string_view, 92> kColors = {
    "almond",   "antique",   "aquamarine", "azure",      "beige",     "bisque",    "black",
    "blanched", "blue",      "blush",      "brown",      "burlywood", "burnished", "chartreuse",
    "chiffon",  "chocolate", "coral",      "cornflower", "cornsilk",  "cream",     "cyan",
    "dark",     "deep",      "dim",        "dodger",     "drab",      "firebrick", "floral",
    "forest",   "frosted",   "gainsboro",  "ghost",      "goldenrod", "green",     "grey",
    "honeydew", "hot",       "indian",     "ivory",      "khaki",     "lace",      "lavender",
    "lawn",     "lemon",     "light",      "lime",       "linen",     "magenta",   "maroon",
    "medium",   "metallic",  "midnight",   "mint",       "misty",     "moccasin",  "navajo",
    "navy",     "olive",     "orange",     "orchid",     "pale",      "papaya",    "peach",
    "peru",     "pink",      "plum",       "powder",     "puff",      "purple",    "red",
    "rose",     "rosy",      "royal",      "saddle",     "salmon",    "sandy",     "seashell",
    "sienna",   "sky",       "slate",      "smoke",      "snow",      "spring",    "steel",
    "tan",      "thistle",   "tomato",     "turquoise",  "violet",    "wheat",     "white",
    "yellow"};

constexpr std::array<std::string_view, 6> kTypeSize = {"STANDARD", "SMALL",   "MEDIUM",
                                                       "LARGE",    "ECONOMY", "PROMO"};
constexpr std::array<std::string_view, 5> kTypeFinish = {"ANODIZED", "BURNISHED", "PLATED",
                                                         "POLISHED", "BRUSHED"};
constexpr std::array<std::string_view, 5> kTypeMetal = {"TIN", "NICKEL", "BRASS", "STEEL",
                                                        "COPPER"};
constexpr std::array<std::string_view, 5> kContainerSize = {"SM", "LG", "MED", "JUMBO", "WRAP"};
constexpr std::array<std::string_view, 8> kContainerKind = {"CASE", "BOX",  "BAG", "JAR",
                                                            "PKG",  "PACK", "CAN", "DRUM"};

constexpr std::array<std::string_view, 5> kSegments = {"AUTOMOBILE", "BUILDING", "FURNITURE",
                                                       "MACHINERY", "HOUSEHOLD"};
constexpr std::array<std::string_view, 5> kPriorities = {"1-URGENT", "2-HIGH", "3-MEDIUM",
                                                         "4-NOT SPECIFIED", "5-LOW"};
constexpr std::array<std::string_view, 4> kInstructions = {"DELIVER IN PERSON", "COLLECT COD",
                                                           "NONE", "TAKE BACK RETURN"};
constexpr std::array<std::string_view, 7> kShipModes = {"REG AIR", "AIR",  "RAIL", "SHIP",
                                                        "TRUCK",   "MAIL", "FOB"};

constexpr std::array<Nation, 25> kNations = {{
    {"ALGERIA", 0},       {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1},
    {"EGYPT", 4},         {"ETHIOPIA", 0},  {"FRANCE", 3}, {"GERMANY", 3},
    {"INDIA", 2},         {"INDONESIA", 2}, {"IRAN", 4},   {"IRAQ", 4},
    {"JAPAN", 2},         {"JORDAN", 4},    {"KENYA", 0},  {"MOROCCO", 0},
    {"MOZAMBIQUE", 0},    {"PERU", 1},      {"CHINA", 2},  {"ROMANIA", 3},
    {"SAUDI ARABIA", 4},  {"VIETNAM", 2},   {"RUSSIA", 3}, {"UNITED KINGDOM", 3},
    {"UNITED STATES", 1},
}};
constexpr std::array<std::string_view, 5> kRegions = {"AFRICA", "AMERICA", "ASIA", "EUROPE",
                                                      "MIDDLE EAST"};

// Lists built from syllables once; the strings live as long as the process.
struct Combined {
  std::array<std::string, 150> type_storage;
  std::array<std::string_view, 150> types;
  std::array<std::string, 40> container_storage;
  std::array<std::string_view, 40> containers;
  std::array<std::string, 5> manufacturer_storage;
  std::array<std::string_view, 5> manufacturers;
  std::array<std::string, 25> brand_storage;
  std::array<std::string_view, 25> brands;

  Combined() {
    size_t i = 0;
    for (auto size : kTypeSize) {
      for (auto finish : kTypeFinish) {
        for (auto metal : kTypeMetal) {
          type_storage[i] =
              std::string(size) + " " + std::string(finish) + " " + std::string(metal);
          types[i] = type_storage[i];
          ++i;
        }
      }
    }
    i = 0;
    for (auto size : kContainerSize) {
      for (auto kind : kContainerKind) {
        container_storage[i] = std::string(size) + " " + std::string(kind);
        containers[i] = container_storage[i];
        ++i;
      }
    }
    for (int m = 1; m <= 5; ++m) {
      manufacturer_storage[m - 1] = "Manufacturer#" + std::to_string(m);
      manufacturers[m - 1] = manufacturer_storage[m - 1];
      for (int n = 1; n <= 5; ++n) {
        size_t index = static_cast<size_t>((m - 1) * 5 + (n - 1));
        brand_storage[index] = "Brand#" + std::to_string(m * 10 + n);
        brands[index] = brand_storage[index];
      }
    }
  }
};

const Combined& GetCombined() {
  static const Combined combined;
  return combined;
}

}  // namespace

std::span<const std::string_view> Colors() { return kColors; }
std::span<const std::string_view> PartTypes() { return GetCombined().types; }
std::span<const std::string_view> Containers() { return GetCombined().containers; }
std::span<const std::string_view> Segments() { return kSegments; }
std::span<const std::string_view> Priorities() { return kPriorities; }
std::span<const std::string_view> Instructions() { return kInstructions; }
std::span<const std::string_view> ShipModes() { return kShipModes; }
std::span<const std::string_view> Manufacturers() { return GetCombined().manufacturers; }
std::span<const std::string_view> Brands() { return GetCombined().brands; }
std::span<const Nation> Nations() { return kNations; }
std::span<const std::string_view> Regions() { return kRegions; }

}  // namespace basin::datagen::tpch
