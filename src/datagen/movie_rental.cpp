#include "datagen/movie_rental.hpp"

#include <array>

#include "datagen/random.hpp"
#include "types/date_time.hpp"
#include "types/value.hpp"

namespace basin::datagen {

namespace {

using types::LogicalType;
using types::Value;

template <typename T, size_t N>
const T& Pick(Random& random, const std::array<T, N>& items) {
  return items[random.Uniform(0, N - 1)];
}

constexpr std::array<const char*, 16> kCategories = {
    "Action", "Animation", "Children", "Classics", "Comedy",  "Documentary", "Drama",  "Family",
    "Foreign", "Games",    "Horror",   "Music",    "New",     "Sci-Fi",      "Sports", "Travel"};
constexpr std::array<const char*, 20> kTitleWords = {
    "Academy", "Dinosaur", "Ace",    "Goldfinger", "Adaptation", "Holes",   "Affair",
    "Prejudice", "African", "Egg",   "Agent",      "Truman",     "Airplane", "Sierra",
    "Alabama", "Devil",    "Alien",  "Center",     "Amadeus",    "Holy"};
constexpr std::array<const char*, 12> kAdjectives = {
    "Epic", "Astounding", "Fateful", "Thoughtful", "Brilliant", "Emotional",
    "Touching", "Insightful", "Boring", "Unbelievable", "Amazing", "Lacklusture"};
constexpr std::array<const char*, 10> kNouns = {
    "Drama of a Dentist", "Tale of a Car",        "Story of a Hunter", "Saga of a Robot",
    "Reflection of a Cat", "Display of a Pioneer", "Panorama of a Moose", "Yarn of a Student",
    "Character Study of a Boat", "Documentary of a Girl"};
constexpr std::array<const char*, 5> kRatings = {"G", "PG", "PG-13", "R", "NC-17"};
constexpr std::array<const char*, 20> kFirstNames = {
    "Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Jennifer", "Maria", "Susan", "Margaret",
    "Dorothy", "John", "Robert", "Michael", "William", "David", "Richard", "Charles", "Joseph",
    "Thomas", "Christopher"};
constexpr std::array<const char*, 20> kLastNames = {
    "Smith", "Johnson", "Williams", "Jones", "Brown", "Davis", "Miller", "Wilson", "Moore",
    "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia",
    "Martinez", "Robinson"};

// All rows carry the same last_update, as the original data set does.
const int64_t kLastUpdate =
    types::DaysFromCivil(2006, 2, 15) * types::kMicrosPerDay + 4 * 3600 * types::kMicrosPerSecond;

Value Money(int64_t cents, int precision) {
  return Value::Decimal(LogicalType::Decimal(precision, 2), cents);
}

class TableBuilder {
 public:
  TableBuilder(std::string name, std::vector<types::Field> fields)
      : table_{std::move(name), types::Schema(std::move(fields)), {}} {
    table_.rows = columnar::DataChunk(table_.schema, 0);
  }
  void Add(std::vector<Value> row) {
    for (size_t c = 0; c < row.size(); ++c) table_.rows.column(c).Append(row[c]);
    table_.rows.SetSizeOnly(table_.rows.size() + 1);
  }
  GeneratedTable Take() { return std::move(table_); }

 private:
  GeneratedTable table_;
};

types::Field Column(const char* name, LogicalType type, bool nullable = false) {
  return {name, std::move(type), nullable};
}

}  // namespace

std::vector<GeneratedTable> GenerateMovieRental(int scale) {
  if (scale < 1) scale = 1;
  Random random(20050524);
  const int films = 1000 * scale;
  const int actors = 200 * scale;
  const int customers = 599 * scale;
  const int stores = 2;
  std::vector<GeneratedTable> tables;

  TableBuilder category("category", {Column("category_id", LogicalType::Integer()),
                                     Column("name", LogicalType::Varchar()),
                                     Column("last_update", LogicalType::Timestamp())});
  for (size_t i = 0; i < kCategories.size(); ++i) {
    category.Add({Value::Int(static_cast<int32_t>(i + 1)), Value::Varchar(kCategories[i]),
                  Value::Timestamp(kLastUpdate)});
  }
  tables.push_back(category.Take());

  TableBuilder film("film", {Column("film_id", LogicalType::Integer()),
                             Column("title", LogicalType::Varchar()),
                             Column("description", LogicalType::Varchar(), true),
                             Column("release_year", LogicalType::SmallInt(), true),
                             Column("rental_duration", LogicalType::SmallInt()),
                             Column("rental_rate", LogicalType::Decimal(4, 2)),
                             Column("length", LogicalType::SmallInt(), true),
                             Column("replacement_cost", LogicalType::Decimal(5, 2)),
                             Column("rating", LogicalType::Varchar(), true),
                             Column("last_update", LogicalType::Timestamp())});
  std::vector<int64_t> rental_rate_cents(films + 1);
  for (int id = 1; id <= films; ++id) {
    std::string title = std::string(Pick(random, kTitleWords)) + " " + Pick(random, kTitleWords);
    for (char& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    title += " " + std::to_string(id);
    std::string description = std::string("A ") + Pick(random, kAdjectives) + " " +
                              Pick(random, kNouns) + " who must Meet a Crocodile in Ancient India";
    static constexpr std::array<int64_t, 3> kRates = {99, 299, 499};
    rental_rate_cents[id] = Pick(random, kRates);
    bool has_length = id % 97 != 0;  // a few films of unknown length: real data has NULLs
    film.Add({Value::Int(id), Value::Varchar(title), Value::Varchar(description),
              Value::Integer(LogicalType::SmallInt(), 2006),
              Value::Integer(LogicalType::SmallInt(), random.Uniform(3, 7)),
              Money(rental_rate_cents[id], 4),
              has_length ? Value::Integer(LogicalType::SmallInt(), random.Uniform(46, 185))
                         : Value::Null(LogicalType::SmallInt()),
              Money(random.Uniform(999, 2999), 5), Value::Varchar(Pick(random, kRatings)),
              Value::Timestamp(kLastUpdate)});
  }
  tables.push_back(film.Take());

  TableBuilder film_category("film_category", {Column("film_id", LogicalType::Integer()),
                                               Column("category_id", LogicalType::Integer()),
                                               Column("last_update", LogicalType::Timestamp())});
  for (int id = 1; id <= films; ++id) {
    film_category.Add({Value::Int(id),
                       Value::Int(static_cast<int32_t>(random.Uniform(1, kCategories.size()))),
                       Value::Timestamp(kLastUpdate)});
  }
  tables.push_back(film_category.Take());

  TableBuilder actor("actor", {Column("actor_id", LogicalType::Integer()),
                               Column("first_name", LogicalType::Varchar()),
                               Column("last_name", LogicalType::Varchar()),
                               Column("last_update", LogicalType::Timestamp())});
  for (int id = 1; id <= actors; ++id) {
    actor.Add({Value::Int(id), Value::Varchar(Pick(random, kFirstNames)),
               Value::Varchar(Pick(random, kLastNames)), Value::Timestamp(kLastUpdate)});
  }
  tables.push_back(actor.Take());

  TableBuilder film_actor("film_actor", {Column("actor_id", LogicalType::Integer()),
                                         Column("film_id", LogicalType::Integer()),
                                         Column("last_update", LogicalType::Timestamp())});
  for (int film_id = 1; film_id <= films; ++film_id) {
    int cast = static_cast<int>(random.Uniform(1, 8));
    int first = static_cast<int>(random.Uniform(1, actors));
    for (int k = 0; k < cast; ++k) {
      film_actor.Add({Value::Int((first + k * 7 - 1) % actors + 1), Value::Int(film_id),
                      Value::Timestamp(kLastUpdate)});
    }
  }
  tables.push_back(film_actor.Take());

  TableBuilder customer("customer", {Column("customer_id", LogicalType::Integer()),
                                     Column("store_id", LogicalType::SmallInt()),
                                     Column("first_name", LogicalType::Varchar()),
                                     Column("last_name", LogicalType::Varchar()),
                                     Column("email", LogicalType::Varchar(), true),
                                     Column("active", LogicalType::Boolean()),
                                     Column("create_date", LogicalType::Date()),
                                     Column("last_update", LogicalType::Timestamp())});
  for (int id = 1; id <= customers; ++id) {
    std::string first = Pick(random, kFirstNames);
    std::string last = Pick(random, kLastNames);
    std::string email = first + "." + last + std::to_string(id) + "@example.org";
    for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    customer.Add({Value::Int(id), Value::Integer(LogicalType::SmallInt(), id % stores + 1),
                  Value::Varchar(first), Value::Varchar(last),
                  id % 50 == 0 ? Value::Null(LogicalType::Varchar()) : Value::Varchar(email),
                  Value::Boolean(id % 40 != 0),
                  Value::Date(types::DaysFromCivil(2006, 2, 14)), Value::Timestamp(kLastUpdate)});
  }
  tables.push_back(customer.Take());

  TableBuilder inventory("inventory", {Column("inventory_id", LogicalType::Integer()),
                                       Column("film_id", LogicalType::Integer()),
                                       Column("store_id", LogicalType::SmallInt()),
                                       Column("last_update", LogicalType::Timestamp())});
  std::vector<int> inventory_film(1, 0);
  for (int film_id = 1; film_id <= films; ++film_id) {
    int copies = static_cast<int>(random.Uniform(2, 8));
    for (int k = 0; k < copies; ++k) {
      int id = static_cast<int>(inventory_film.size());
      inventory_film.push_back(film_id);
      inventory.Add({Value::Int(id), Value::Int(film_id),
                     Value::Integer(LogicalType::SmallInt(), k % stores + 1),
                     Value::Timestamp(kLastUpdate)});
    }
  }
  tables.push_back(inventory.Take());

  TableBuilder rental("rental", {Column("rental_id", LogicalType::Integer()),
                                 Column("rental_date", LogicalType::Timestamp()),
                                 Column("inventory_id", LogicalType::Integer()),
                                 Column("customer_id", LogicalType::Integer()),
                                 Column("return_date", LogicalType::Timestamp(), true),
                                 Column("staff_id", LogicalType::SmallInt()),
                                 Column("last_update", LogicalType::Timestamp())});
  TableBuilder payment("payment", {Column("payment_id", LogicalType::Integer()),
                                   Column("customer_id", LogicalType::Integer()),
                                   Column("staff_id", LogicalType::SmallInt()),
                                   Column("rental_id", LogicalType::Integer(), true),
                                   Column("amount", LogicalType::Decimal(5, 2)),
                                   Column("payment_date", LogicalType::Timestamp())});
  const int64_t first_rental =
      types::DaysFromCivil(2005, 5, 24) * types::kMicrosPerDay + 22 * 3600 * types::kMicrosPerSecond;
  int64_t rental_time = first_rental;
  const int rentals = 16000 * scale;
  for (int id = 1; id <= rentals; ++id) {
    rental_time += random.Uniform(60, 1200) * types::kMicrosPerSecond;
    int inventory_id = static_cast<int>(random.Uniform(1, inventory_film.size() - 1));
    int customer_id = static_cast<int>(random.Uniform(1, customers));
    int days_out = static_cast<int>(random.Uniform(1, 9));
    bool returned = id < rentals - 180;  // the latest rentals are still out
    int64_t return_time = rental_time + days_out * types::kMicrosPerDay;
    auto staff = Value::Integer(LogicalType::SmallInt(), id % 2 + 1);
    rental.Add({Value::Int(id), Value::Timestamp(rental_time), Value::Int(inventory_id),
                Value::Int(customer_id),
                returned ? Value::Timestamp(return_time) : Value::Null(LogicalType::Timestamp()),
                staff, Value::Timestamp(kLastUpdate)});
    // The rate plus a late fee of a dollar a day past three days.
    int64_t cents = rental_rate_cents[inventory_film[inventory_id]] +
                    (days_out > 3 ? (days_out - 3) * 100 : 0);
    payment.Add({Value::Int(id), Value::Int(customer_id), staff, Value::Int(id),
                 Money(cents, 5), Value::Timestamp(rental_time + 600 * types::kMicrosPerSecond)});
  }
  tables.push_back(rental.Take());
  tables.push_back(payment.Take());
  return tables;
}

}  // namespace basin::datagen
