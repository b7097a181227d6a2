/// How the references of a mapped checkpoint's values become this process's: its users' numbers in
/// `UserNames`, the `TextStore` chunk its block of texts became, and where its rare parts start in
/// `RareParts`.
///
/// Holds no object (its users' table is allocated once and kept, like the region it serves), so that
/// relocating each value read from a mapping costs no reference counting.
public struct Relocation: Sendable, BitwiseCopyable {
  // Never freed: a region, and so its relocation, lives as long as the process.
  private nonisolated(unsafe) let users: UnsafeBufferPointer<UInt32>
  let textChunk: Int
  let rareBase: UInt32

  package init(users: [UInt32], textChunk: Int, rareBase: UInt32) {
    let table = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: users.count)
    _ = table.initialize(from: users)
    self.users = UnsafeBufferPointer(table)
    self.textChunk = textChunk
    self.rareBase = rareBase
  }

  static let none = Relocation(users: [], textChunk: 0, rareBase: 0)

  func user(_ number: UInt32) -> UInt32 {
    Int(number) < users.count ? users[Int(number)] : UserNames.nobody
  }

  func text(_ text: PackedText) -> PackedText { PackedText(chunk: textChunk, offset: text.offset) }

  func rare(_ number: UInt32) -> UInt32 { number == 0 ? 0 : rareBase &+ number }
}
