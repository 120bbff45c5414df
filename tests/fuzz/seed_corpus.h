// Seeding of a fuzz target's corpus: when BIOPOLIS_FUZZ_SEED is set and the
// corpus directory on the command line is empty, a target writes a few valid
// inputs there in LLVMFuzzerInitialize, before libFuzzer reads the corpus, so
// a short run starts from well-formed requests instead of from nothing.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace biopolis::fuzz {

// The corpus directory to seed: the last argument that is not a flag, when
// seeding is asked for and that directory exists and is empty; "" otherwise.
inline std::string CorpusToSeed(int argc, char** argv) {
  if (std::getenv("BIOPOLIS_FUZZ_SEED") == nullptr) return "";
  for (int i = argc - 1; i > 0; --i) {
    std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') continue;
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec) && std::filesystem::is_empty(arg, ec)) return arg;
    return "";
  }
  return "";
}

// Writes one seed input as DIR/seed-N.
inline void WriteSeed(const std::string& dir, int n, const std::string& bytes) {
  std::ofstream(dir + "/seed-" + std::to_string(n), std::ios::binary) << bytes;
}

}  // namespace biopolis::fuzz
