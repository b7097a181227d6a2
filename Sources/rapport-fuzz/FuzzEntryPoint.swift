import Glibc

#if FUZZING
  // SwiftPM links every executable with `--defsym main=rapport_fuzz_main` (so tests can link it), which
  // leaves libFuzzer's own `main` unused: this entry point starts libFuzzer's driver in its place.

  @_extern(c, "LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt

  @_cdecl("rapport_fuzz_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
  }
#else

  /// Without libFuzzer (a plain `swift build`), replays saved inputs once each: pass crash files or
  /// corpus files as arguments to reproduce a failure under the debugger.
  @main
  struct FuzzReplay {
    static func main() {
      let paths = CommandLine.arguments.dropFirst()
      guard !paths.isEmpty else {
        printError("usage: rapport-fuzz FILE...  (replays fuzz inputs; build with Scripts/fuzz.sh to fuzz)")
        exit(2)
      }
      for path in paths {
        guard let bytes = readFile(path) else {
          printError("rapport-fuzz: cannot read \(path)")
          exit(1)
        }
        bytes.withUnsafeBufferPointer { buffer in
          if let base = buffer.baseAddress {
            _ = fuzz(base, buffer.count)
          } else {
            var none: UInt8 = 0
            _ = withUnsafePointer(to: &none) { fuzz($0, 0) }
          }
        }
        print("\(path): ok (\(bytes.count) bytes)")
      }
    }

    private static func printError(_ text: String) {
      let line = Array((text + "\n").utf8)
      _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private static func readFile(_ path: String) -> [UInt8]? {
      guard let file = fopen(path, "rb") else { return nil }
      defer { fclose(file) }
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = fread(&chunk, 1, chunk.count, file)
        bytes += chunk.prefix(count)
        if count < chunk.count { break }
      }
      return ferror(file) == 0 ? bytes : nil
    }
  }
#endif
