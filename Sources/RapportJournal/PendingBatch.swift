/// A batch whose last line has not been read yet, held as a position rather than as records: where it
/// starts (its members are the lines from there on, one each, in order), how many members were read,
/// and a fingerprint of their stated hashes, which proves that the members read again on completion
/// are the lines whose hashes were checked the first time (without hashing them again).
struct PendingBatch {
  /// The position before the first member: where a later scan resumes while the batch is unfinished.
  var start: JournalPosition
  /// The size every member states.
  var size: Int
  /// What is reported if the batch is never completed: its first member, as an incomplete batch.
  var firstProblem: LineProblem
  /// Members read so far.
  private(set) var count = 0
  /// An order-sensitive digest of the members' stated hashes.
  private(set) var fingerprint: UInt64 = 0xCBF2_9CE4_8422_2325

  init(start: JournalPosition, size: Int, firstProblem: LineProblem) {
    self.start = start
    self.size = size
    self.firstProblem = firstProblem
  }

  /// Counts one more member, whose stated hash is `hash`.
  mutating func add(_ hash: HashHex) {
    count += 1
    hash.withBytes { bytes in
      for word in 0..<8 {
        fingerprint = (fingerprint ^ bytes.load(fromByteOffset: word * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
        fingerprint ^= fingerprint >> 29
      }
    }
  }
}
