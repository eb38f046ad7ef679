// The basin command: a thin main over cli/.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return basin::cli::RunCli(argc, argv); }
