/// What a checkpoint being written collects as it makes values portable (`MappableEntry`): the users
/// they name, their texts laid out as `TextStore` lays them out, and their rare parts, each numbered in
/// the order met. The checkpoint writes the three lists; a reader builds its `Relocation` from them.
public struct PortableReferences: @unchecked Sendable {
  // @unchecked: `textChunks` point into `TextStore`'s chunks, which are never moved, changed or freed.
  /// The users' names, by their number in the checkpoint.
  package private(set) var userNames: [String] = []
  private var userNumbers: [UInt32: UInt32] = [:]
  /// The texts: every chunk of `TextStore`, in order, as it was when last looked at (each text its
  /// length, 4 bytes, then its UTF-8 bytes), written as they lie.
  package private(set) var textChunks: [UnsafeRawBufferPointer] = []
  /// Where each chunk starts in the block they make.
  private var chunkStarts: [Int] = []
  /// The block's length.
  package private(set) var textBlockLength = 0
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

  /// Where `text` sits in the block: its chunk's start there plus its offset in the chunk.
  package mutating func textOffset(of text: PackedText) -> Int {
    if text.chunk >= chunkStarts.count || text.offset >= textChunks[text.chunk].count { lookAtTexts() }
    guard text.chunk < chunkStarts.count else { return textBlockLength }  // no such text: reads as empty
    return chunkStarts[text.chunk] + text.offset
  }

  /// Takes the store's chunks as they are now (texts are only ever added: earlier offsets stay).
  private mutating func lookAtTexts() {
    textChunks = TextStore.filledChunks()
    chunkStarts = []
    var start = 0
    for chunk in textChunks {
      chunkStarts.append(start)
      start += chunk.count
    }
    textBlockLength = start
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
