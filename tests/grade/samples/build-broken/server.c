/* Does not compile: the build fails, so the submission never runs. */
int main(int argc, char** argv) {
  return missing_function(argc)
}
