import Glibc
import Synchronization

/// Where `PackedText` keeps its bytes, for the whole process: chunks that are filled once and never
/// moved or freed, so that reading a text needs no lock. Each text is a 4-byte length, then its
/// UTF-8 bytes.
///
/// Storing a text that was stored recently returns the same reference (a team's usual phrases are
/// kept once); the memory only grows, by the text of what the process reads or is told.
package enum TextStore {
  static let chunkBytes = 256 << 10
  static let maximumChunks = 1 << 14

  private struct Chunk {
    var base: UnsafeMutableRawPointer
    var size: Int
  }

  /// The chunks by number: written under `state`'s lock before any reference to them exists (empty
  /// until then).
  private nonisolated(unsafe) static let chunks: UnsafeMutablePointer<Chunk> = {
    let chunks = UnsafeMutablePointer<Chunk>.allocate(capacity: maximumChunks)
    chunks.initialize(
      repeating: Chunk(base: UnsafeMutableRawPointer(bitPattern: 8).unsafelyUnwrapped, size: 0), count: maximumChunks)
    return chunks
  }()

  private struct State {
    var chunkCount = 0
    /// The chunk being filled by single texts, and how far.
    var current = -1
    var used = 0
    /// Recently stored texts by a hash of their bytes (`empty`: none): a cache, so a collision only
    /// stores a text again.
    var recent = [UInt64](repeating: TextStore.empty, count: TextStore.recentSlots)
    /// How many bytes of each chunk hold texts.
    var filled: [Int] = []
  }

  static let recentSlots = 4096
  static let empty = UInt64.max

  private static let state = Mutex(State())

  static func store(_ text: String) -> PackedText {
    var text = text
    return text.withUTF8 { store(bytes: $0) }
  }

  /// `store` for text already in UTF-8.
  static func store(bytes: UnsafeBufferPointer<UInt8>) -> PackedText {
    let slot = Int(truncatingIfNeeded: QuickHash.hash(bytes) % UInt64(recentSlots))
    return state.withLock { state in
      let known = state.recent[slot]
      if known != empty, withBytes(of: PackedText(reference: known), { Self.bytes($0, equal: bytes) }) {
        return PackedText(reference: known)
      }
      let packed = append(bytes, to: &state)
      state.recent[slot] = packed.reference
      return packed
    }
  }

  /// `elementsEqual`, as one `memcmp`: the generic comparison went byte by byte through its iterators.
  static func bytes(_ left: UnsafeBufferPointer<UInt8>, equal right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    guard let first = left.baseAddress, let second = right.baseAddress else { return true }
    return memcmp(first, second, left.count) == 0
  }

  private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to state: inout State) -> PackedText {
    let needed = 4 + bytes.count
    if state.current < 0 || state.used + needed > chunks[state.current].size {
      state.current = newChunk(size: max(chunkBytes, needed), in: &state)
      state.used = 0
    }
    let chunk = chunks[state.current]
    chunk.base.storeBytes(of: UInt32(bytes.count), toByteOffset: state.used, as: UInt32.self)
    if let source = bytes.baseAddress { (chunk.base + state.used + 4).copyMemory(from: source, byteCount: bytes.count) }
    state.filled[state.current] = state.used + needed
    defer { state.used += needed }
    return PackedText(chunk: state.current, offset: state.used)
  }

  private static func newChunk(size: Int, in state: inout State) -> Int {
    precondition(state.chunkCount < maximumChunks, "text store full")
    let number = state.chunkCount
    chunks[number] = Chunk(base: .allocate(byteCount: size, alignment: 8), size: size)
    state.chunkCount += 1
    state.filled.append(0)
    return number
  }

  /// Takes a whole block of texts laid out as the store lays them out (a checkpoint's), as one new
  /// chunk; returns its number, or nil when the block does not split exactly into texts.
  package static func adopt(_ block: UnsafeRawBufferPointer) -> Int? {
    guard splitsIntoTexts(block) else { return nil }
    return state.withLock { state in
      let number = newChunk(size: max(1, block.count), in: &state)
      if let source = block.baseAddress { chunks[number].base.copyMemory(from: source, byteCount: block.count) }
      state.filled[number] = block.count
      return number
    }
  }

  /// Takes a block of texts that lies in memory that stays mapped for the rest of the process (a
  /// checkpoint's), as one new chunk, where it lies: nothing is copied, so every process that maps the
  /// same file shares its pages. Returns the chunk's number. The block is not walked text by text: the
  /// checkpoint's checksum vouches for it, and every read (`withBytes`) stays inside the chunk whatever
  /// a reference says. Walking a million texts cost every start 5 ms and a page fault per 64 KB of
  /// text that the first frame never shows.
  package static func adoptInPlace(_ block: UnsafeRawBufferPointer) -> Int {
    state.withLock { state in
      // No text: an empty chunk of the store's own, so that the block still has its number.
      guard let base = block.baseAddress, !block.isEmpty else { return newChunk(size: 1, in: &state) }
      precondition(state.chunkCount < maximumChunks, "text store full")
      let number = state.chunkCount
      chunks[number] = Chunk(base: UnsafeMutableRawPointer(mutating: base), size: block.count)
      state.chunkCount += 1
      state.filled.append(block.count)
      return number
    }
  }

  private static func splitsIntoTexts(_ block: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < block.count {
      guard block.count - offset >= 4 else { return false }
      let length = Int(block.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
      guard length <= block.count - offset - 4 else { return false }
      offset += 4 + length
    }
    return true
  }

  /// Every chunk's texts, in chunk order: what a checkpoint writes as its block of texts (each text's
  /// reference becomes its chunk's start among these plus its offset; nothing is copied).
  package static func filledChunks() -> [UnsafeRawBufferPointer] {
    state.withLock { state in
      (0..<state.chunkCount).map { UnsafeRawBufferPointer(start: chunks[$0].base, count: state.filled[$0]) }
    }
  }

  /// Runs `body` on the text's bytes (empty for a reference to nothing, which only a damaged
  /// checkpoint could make).
  static func withBytes<Result>(of text: PackedText, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    let nothing = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    guard text.chunk < maximumChunks else { return body(nothing) }
    let chunk = chunks[text.chunk]
    let offset = text.offset
    guard offset + 4 <= chunk.size else { return body(nothing) }
    let length = Int(chunk.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    guard length <= chunk.size - offset - 4 else { return body(nothing) }
    return body(
      UnsafeBufferPointer(start: (chunk.base + offset + 4).assumingMemoryBound(to: UInt8.self), count: length))
  }

  /// Appends `text` to `block` as the store lays texts out (its length, then its bytes), for `adopt`.
  package static func append(_ text: PackedText, toBlock block: inout [UInt8]) {
    withBytes(of: text) { bytes in
      withUnsafeBytes(of: UInt32(bytes.count)) { block.append(contentsOf: $0) }
      block.append(contentsOf: bytes)
    }
  }
}
