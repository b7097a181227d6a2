/// What a checkpoint being written collects as it makes values portable (`MappableEntry`): the users
/// they name, their texts laid out as `TextStore` lays them out, and their rare parts, each numbered in
/// the order met. The checkpoint writes the three lists; a reader builds its `Relocation` from them.
public struct PortableReferences {
  /// The users' names, by their number in the checkpoint.
  package private(set) var userNames: [String] = []
  private var userNumbers: [UInt32: UInt32] = [:]
  /// The texts, each its length (4 bytes) then its UTF-8 bytes.
  package private(set) var textBlock: [UInt8] = []
  private var textOffsets: [UInt64: Int] = [:]
  /// The rare parts, by their number in the checkpoint less one (0 is none).
  package private(set) var rareParts: [RareParts.Value] = []
  private var rareNumbers: [UInt32: UInt32] = [:]

  package init() {}

  /// The checkpoint's number for the user numbered `number` in this process.
  package mutating func user(_ number: UInt32) -> UInt32 {
    if let known = userNumbers[number] { return known }
    let portable = UInt32(userNames.count)
    userNames.append(UserNames.name(of: number))
    userNumbers[number] = portable
    return portable
  }

  /// `text` as a reference into the checkpoint's block (its chunk is the reader's to set).
  package mutating func text(_ text: PackedText) -> PackedText {
    PackedText(chunk: 0, offset: textOffset(of: text))
  }

  /// Where `text` sits in the block, copied there the first time.
  package mutating func textOffset(of text: PackedText) -> Int {
    if let known = textOffsets[text.reference] { return known }
    let offset = textBlock.count
    TextStore.append(text, toBlock: &textBlock)
    textOffsets[text.reference] = offset
    return offset
  }

  /// The checkpoint's number for this process's rare parts `number` (0 stays 0).
  package mutating func rare(_ number: UInt32) -> UInt32 {
    guard number != 0 else { return 0 }
    if let known = rareNumbers[number] { return known }
    rareParts.append(RareParts.value(number))
    let portable = UInt32(rareParts.count)
    rareNumbers[number] = portable
    return portable
  }
}
