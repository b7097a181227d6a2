/// How the references of a mapped checkpoint's values become this process's: its users' numbers in
/// `UserNames`, the `TextStore` chunk its block of texts became, and where its rare parts start in
/// `RareParts`.
public struct Relocation: Sendable {
  let users: [UInt32]
  let textChunk: Int
  let rareBase: UInt32

  package init(users: [UInt32], textChunk: Int, rareBase: UInt32) {
    self.users = users
    self.textChunk = textChunk
    self.rareBase = rareBase
  }

  func user(_ number: UInt32) -> UInt32 {
    Int(number) < users.count ? users[Int(number)] : UserNames.nobody
  }

  func text(_ text: PackedText) -> PackedText { PackedText(chunk: textChunk, offset: text.offset) }

  func rare(_ number: UInt32) -> UInt32 { number == 0 ? 0 : rareBase &+ number }
}
