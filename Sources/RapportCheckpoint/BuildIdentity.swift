import Glibc
import RapportDomain

/// What identifies this program's build: the executable's GNU build id (a hash the linker stamps over
/// the code), read from memory through `dl_iterate_phdr`, so it costs no file access. A checkpoint
/// records it and a different build refuses the checkpoint, since a change to the fold could make a
/// stored book differ from the journal's. Falls back to the executable's size and modification time.
public enum BuildIdentity {
  public static let current: String = buildID() ?? executableStamp()

  private typealias Visit = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Int32
  private typealias Iterate = @convention(c) (Visit, UnsafeMutableRawPointer?) -> Int32

  /// `dl_iterate_phdr` (not exported by the Glibc module, so found with `dlsym`) visits the executable
  /// first; its PT_NOTE segments hold the build id. Reads `struct dl_phdr_info` and `Elf64_Phdr` by
  /// their 64-bit layouts.
  private static func buildID() -> String? {
    guard MemoryLayout<Int>.size == 8, let symbol = dlsym(dlopen(nil, RTLD_NOW), "dl_iterate_phdr") else { return nil }
    let iterate = unsafeBitCast(symbol, to: Iterate.self)
    var found: [UInt8] = []
    _ = withUnsafeMutablePointer(to: &found) { pointer in
      iterate(
        { info, _, context in
          guard let info, let context else { return 1 }
          let base = info.load(as: UInt.self)
          guard let headers = info.load(fromByteOffset: 16, as: UnsafeRawPointer?.self) else { return 1 }
          let count = Int(info.load(fromByteOffset: 24, as: UInt16.self))
          for index in 0..<count {
            let header = headers + index * 56
            guard header.load(as: UInt32.self) == 4 else { continue }  // PT_NOTE
            let address = base &+ UInt(header.load(fromByteOffset: 16, as: UInt64.self))
            let size = Int(header.load(fromByteOffset: 40, as: UInt64.self))
            guard let notes = UnsafeRawPointer(bitPattern: address) else { continue }
            if let id = BuildIdentity.gnuBuildID(in: notes, size: size) {
              context.assumingMemoryBound(to: [UInt8].self).pointee = id
              return 1
            }
          }
          return 1  // only the first object, the executable itself
        }, UnsafeMutableRawPointer(pointer))
    }
    guard !found.isEmpty else { return nil }
    return "build " + found.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  /// The descriptor of the `NT_GNU_BUILD_ID` note in a PT_NOTE segment.
  fileprivate static func gnuBuildID(in notes: UnsafeRawPointer, size: Int) -> [UInt8]? {
    var offset = 0
    func aligned(_ value: Int) -> Int { (value + 3) & ~3 }
    while offset + 12 <= size {
      let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
      let descriptorSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
      let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
      let nameStart = offset + 12
      let descriptorStart = nameStart + aligned(nameSize)
      guard descriptorStart + descriptorSize <= size else { return nil }
      if type == 3, nameSize == 4, notes.load(fromByteOffset: nameStart, as: UInt8.self) == UInt8(ascii: "G"),
        descriptorSize > 0, descriptorSize <= 64
      {
        return Array(UnsafeRawBufferPointer(start: notes + descriptorStart, count: descriptorSize))
      }
      offset = descriptorStart + aligned(descriptorSize)
    }
    return nil
  }

  private static func executableStamp() -> String {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 else { return "unknown build" }
    return "executable \(info.st_size) bytes, modified \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }
}
