#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace basin::datagen::tpch {

// The fixed value lists of the TPC-H specification (clause 4.2.2.13 and 4.2.3). The strings are
// static, so generated vectors may point at them without copying.

// The 92 words P_NAME is made of.
std::span<const std::string_view> Colors();
// P_TYPE: one word of each syllable list, e.g. "PROMO BURNISHED COPPER" (6 x 5 x 5 = 150).
std::span<const std::string_view> PartTypes();
// P_CONTAINER: two syllables, e.g. "JUMBO PKG" (5 x 8 = 40).
std::span<const std::string_view> Containers();
std::span<const std::string_view> Segments();      // C_MKTSEGMENT
std::span<const std::string_view> Priorities();    // O_ORDERPRIORITY
std::span<const std::string_view> Instructions();  // L_SHIPINSTRUCT
std::span<const std::string_view> ShipModes();     // L_SHIPMODE
// "Manufacturer#1" … "Manufacturer#5" and "Brand#11" … "Brand#55" (index (m-1)*5 + (n-1)).
std::span<const std::string_view> Manufacturers();
std::span<const std::string_view> Brands();

struct Nation {
  std::string_view name;
  int32_t region_key;
};
// The 25 nations in N_NATIONKEY order and the 5 regions in R_REGIONKEY order.
std::span<const Nation> Nations();
std::span<const std::string_view> Regions();

}  // namespace basin::datagen::tpch
