#include "datagen/tpch_text.hpp"

#include <span>
#include <vector>

namespace basin::datagen::tpch {

namespace {

// A grammar word and how often it is drawn relative to its list mates. The weights are ours;
// the specification fixes the words and the grammar, not the frequencies.
struct Word {
  std::string_view text;
  int weight;
};

constexpr Word kNouns[] = {
    {"packages", 40},     {"requests", 40},     {"accounts", 40},      {"deposits", 40},
    {"foxes", 20},        {"ideas", 20},        {"theodolites", 20},   {"pinto beans", 20},
    {"instructions", 20}, {"dependencies", 10}, {"excuses", 10},       {"platelets", 10},
    {"asymptotes", 10},   {"courts", 5},        {"dolphins", 5},       {"multipliers", 1},
    {"sauternes", 1},     {"warthogs", 1},      {"frets", 1},          {"dinos", 1},
    {"attainments", 1},   {"somas", 1},         {"Tiresias", 1},       {"patterns", 1},
    {"forges", 1},        {"braids", 1},        {"hockey players", 1}, {"frays", 1},
    {"warhorses", 1},     {"dugouts", 1},       {"notornis", 1},       {"epitaphs", 1},
    {"pearls", 1},        {"tithes", 1},        {"waters", 1},         {"orbits", 1},
    {"gifts", 1},         {"sheaves", 1},       {"depths", 1},         {"sentiments", 1},
    {"decoys", 1},        {"realms", 1},        {"pains", 1},          {"grouches", 1},
    {"escapades", 1}};

constexpr Word kVerbs[] = {
    {"sleep", 20},    {"wake", 20},    {"are", 20},   {"cajole", 20}, {"haggle", 20},
    {"nag", 10},      {"use", 10},     {"boost", 10}, {"affix", 5},   {"detect", 5},
    {"integrate", 5}, {"maintain", 1}, {"nod", 1},    {"was", 1},     {"lose", 1},
    {"sublate", 1},   {"solve", 1},    {"thrash", 1}, {"promise", 1}, {"engage", 1},
    {"hinder", 1},    {"print", 1},    {"x-ray", 1},  {"breach", 1},  {"eat", 1},
    {"grow", 1},      {"impress", 1},  {"mold", 1},   {"poach", 1},   {"serve", 1},
    {"run", 1},       {"dazzle", 1},   {"snooze", 1}, {"doze", 1},    {"unwind", 1},
    {"kindle", 1},    {"play", 1},     {"hang", 1},   {"believe", 1}, {"doubt", 1}};

constexpr Word kAdjectives[] = {
    {"special", 20}, {"pending", 20}, {"unusual", 20}, {"express", 20}, {"furious", 1},
    {"sly", 1},      {"careful", 1},  {"blithe", 1},   {"quick", 1},    {"fluffy", 1},
    {"slow", 1},     {"quiet", 1},    {"ruthless", 1}, {"thin", 1},     {"close", 1},
    {"dogged", 1},   {"daring", 1},   {"brave", 1},    {"stealthy", 1}, {"permanent", 1},
    {"enticing", 1}, {"idle", 1},     {"busy", 1},     {"regular", 10}, {"final", 10},
    {"ironic", 10},  {"even", 5},     {"bold", 5},     {"silent", 1}};

constexpr Word kAdverbs[] = {
    {"sometimes", 1},  {"always", 1},     {"never", 1},      {"furiously", 50},  {"slyly", 50},
    {"carefully", 50}, {"blithely", 40},  {"quickly", 30},   {"fluffily", 20},   {"slowly", 1},
    {"quietly", 1},    {"ruthlessly", 1}, {"thinly", 1},     {"closely", 1},     {"doggedly", 1},
    {"daringly", 1},   {"bravely", 1},    {"stealthily", 1}, {"permanently", 1}, {"enticingly", 1},
    {"idly", 1},       {"busily", 1},     {"regularly", 1},  {"finally", 1},     {"ironically", 1},
    {"evenly", 1},     {"boldly", 1},     {"silently", 1}};

constexpr Word kPrepositions[] = {{"about", 50},
                                  {"above", 50},
                                  {"according to", 50},
                                  {"across", 50},
                                  {"after", 50},
                                  {"against", 40},
                                  {"along", 40},
                                  {"alongside of", 30},
                                  {"among", 30},
                                  {"around", 20},
                                  {"at", 10},
                                  {"atop", 1},
                                  {"before", 1},
                                  {"behind", 1},
                                  {"beneath", 1},
                                  {"beside", 1},
                                  {"besides", 1},
                                  {"between", 1},
                                  {"beyond", 1},
                                  {"by", 1},
                                  {"despite", 1},
                                  {"during", 1},
                                  {"except", 1},
                                  {"for", 1},
                                  {"from", 1},
                                  {"in place of", 1},
                                  {"inside", 1},
                                  {"instead of", 1},
                                  {"into", 1},
                                  {"near", 1},
                                  {"of", 1},
                                  {"on", 1},
                                  {"outside", 1},
                                  {"over", 1},
                                  {"past", 1},
                                  {"since", 1},
                                  {"through", 1},
                                  {"throughout", 1},
                                  {"to", 1},
                                  {"toward", 1},
                                  {"under", 1},
                                  {"until", 1},
                                  {"up", 1},
                                  {"upon", 1},
                                  {"without", 1},
                                  {"with", 1},
                                  {"within", 1}};

constexpr Word kAuxiliaries[] = {{"do", 1},
                                 {"may", 1},
                                 {"might", 1},
                                 {"shall", 1},
                                 {"will", 1},
                                 {"would", 1},
                                 {"can", 1},
                                 {"could", 1},
                                 {"should", 1},
                                 {"ought to", 1},
                                 {"must", 1},
                                 {"will have to", 1},
                                 {"shall have to", 1},
                                 {"could have to", 1},
                                 {"should have to", 1},
                                 {"must have to", 1},
                                 {"need to", 1},
                                 {"try to", 1}};

constexpr Word kTerminators[] = {{".", 50}, {";", 1}, {":", 1}, {"?", 1}, {"!", 1}, {"--", 1}};

// Draws words of one list by weight.
class WeightedList {
 public:
  explicit WeightedList(std::span<const Word> words) : words_(words) {
    for (const auto& word : words) total_ += word.weight;
  }
  std::string_view Pick(Random& random) const {
    int64_t ticket = random.Uniform(0, total_ - 1);
    for (const auto& word : words_) {
      ticket -= word.weight;
      if (ticket < 0) return word.text;
    }
    return words_.back().text;
  }

 private:
  std::span<const Word> words_;
  int64_t total_ = 0;
};

class SentenceMaker {
 public:
  SentenceMaker()
      : nouns_(kNouns),
        verbs_(kVerbs),
        adjectives_(kAdjectives),
        adverbs_(kAdverbs),
        prepositions_(kPrepositions),
        auxiliaries_(kAuxiliaries),
        terminators_(kTerminators) {}

  // Appends one sentence and a separating space.
  void Append(Random& random, std::string& out) const {
    // Sentence forms: N V T, N V P T, N V N T, N P V N T, N P V P T (weights 3, 3, 3, 1, 1).
    int64_t form = random.Uniform(0, 10);
    NounPhrase(random, out);
    if (form >= 9) {
      PrepositionalPhrase(random, out);
      VerbPhrase(random, out);
      if (form == 9) {
        NounPhrase(random, out);
      } else {
        PrepositionalPhrase(random, out);
      }
    } else {
      VerbPhrase(random, out);
      if (form >= 6) {
        NounPhrase(random, out);
      } else if (form >= 3) {
        PrepositionalPhrase(random, out);
      }
    }
    // The terminator replaces the space after the last word.
    out.pop_back();
    out.append(terminators_.Pick(random));
    out.push_back(' ');
  }

 private:
  void Add(std::string& out, std::string_view word) const {
    out.append(word);
    out.push_back(' ');
  }
  void NounPhrase(Random& random, std::string& out) const {
    // N, J N, J, J N, D J N (weights 10, 20, 10, 50).
    int64_t form = random.Uniform(0, 89);
    if (form >= 40) {
      Add(out, adverbs_.Pick(random));
      Add(out, adjectives_.Pick(random));
    } else if (form >= 30) {
      out.append(adjectives_.Pick(random));
      out.append(", ");
      Add(out, adjectives_.Pick(random));
    } else if (form >= 10) {
      Add(out, adjectives_.Pick(random));
    }
    Add(out, nouns_.Pick(random));
  }
  void VerbPhrase(Random& random, std::string& out) const {
    // V, X V, V D, X V D (weights 30, 1, 40, 1).
    int64_t form = random.Uniform(0, 71);
    bool auxiliary = form == 30 || form == 71;
    bool adverb = form >= 31;
    if (auxiliary) Add(out, auxiliaries_.Pick(random));
    Add(out, verbs_.Pick(random));
    if (adverb) Add(out, adverbs_.Pick(random));
  }
  void PrepositionalPhrase(Random& random, std::string& out) const {
    Add(out, prepositions_.Pick(random));
    Add(out, "the");
    NounPhrase(random, out);
  }

  WeightedList nouns_, verbs_, adjectives_, adverbs_, prepositions_, auxiliaries_, terminators_;
};

constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.";
static_assert(sizeof(kAlphabet) == 65, "the v-string alphabet has 64 symbols");

}  // namespace

TextPool::TextPool(size_t bytes, uint64_t seed) {
  auto text = std::make_shared<std::string>();
  text->reserve(bytes + 256);
  Random random(seed);
  SentenceMaker sentences;
  while (text->size() < bytes) sentences.Append(random, *text);
  text->resize(bytes);
  text_ = std::move(text);
}

const TextPool& TextPool::Get() {
  static const TextPool pool(kPoolBytes, 0x7470636854657874ull);
  return pool;
}

void FillRandomCharacters(Random& random, char* out, size_t length) {
  // Ten 6-bit symbols per 64-bit draw.
  size_t i = 0;
  while (i < length) {
    uint64_t bits = random.Next();
    for (int k = 0; k < 10 && i < length; ++k, ++i) {
      out[i] = kAlphabet[bits & 63];
      bits >>= 6;
    }
  }
}

}  // namespace basin::datagen::tpch
