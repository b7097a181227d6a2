/// One entry whose text contains what was searched for: where it is (account, seq, day), what it is,
/// and the text that matched.
public struct TextMatch: Sendable, Equatable {
  public var account: String
  public var seq: Int
  public var day: Day
  /// The timeline's kind code of the entry: touchpoint, value, task, nps or criterion-added.
  public var kind: String
  /// What it is, for people: "call", "value note", "task", "NPS", "criterion".
  public var label: String
  /// The text that matched (the summary, outcome, note, task text, comment or criterion).
  public var text: String
  /// Where the match starts in `text`, in characters.
  public var offset: Int
  /// How many characters of `text` matched.
  public var length: Int
}

/// What a text search found: the newest matches (at most the limit asked for) and how many there are.
public struct TextMatches: Sendable, Equatable {
  /// Newest first (by day, then by seq).
  public var matches: [TextMatch] = []
  /// Every match, including those past the limit.
  public var total = 0

  public init() {}

  public init(matches: [TextMatch], total: Int) {
    self.matches = matches
    self.total = total
  }
}

extension Book {
  /// The entries whose text contains `needle` (ASCII letters in any case; other characters as typed):
  /// touchpoints (summary and outcome), value notes, tasks, NPS comments and success criteria, leaving
  /// out retracted entries. Only accounts in `slugs` when given. The newest `limit` are returned with
  /// their text; the rest only counted.
  ///
  /// Reads the texts where the book keeps them (no string is made for an entry that does not match), on
  /// every core: a million entries take a few tens of milliseconds.
  public func searchText(_ needle: String, in slugs: [String]? = nil, limit: Int = 500) -> TextMatches {
    let word = TextNeedle(needle)
    guard !word.bytes.isEmpty else { return TextMatches() }
    let positions: [Int]
    if let slugs {
      positions = slugs.compactMap { accounts.position(of: $0) }
    } else {
      positions = Array(0..<accounts.count)
    }
    // Split in a few hundred slices so that the cores share the work evenly.
    let sliceSize = max(1, positions.count / 256)
    let slices = stride(from: 0, to: positions.count, by: sliceSize).map {
      Array(positions[$0..<min(positions.count, $0 + sliceSize)])
    }
    let found = ParallelMap.map(slices) { slice in
      slice.flatMap { hits(at: $0, for: word) }
    }
    var all = found.flatMap { $0 }
    let total = all.count
    // Newest first: the whole order only over what is shown.
    let newer: (Hit, Hit) -> Bool = { ($0.day, $0.seq) > ($1.day, $1.seq) }
    if all.count > limit {
      all.sort(by: newer)
      all.removeSubrange(limit...)
    } else {
      all.sort(by: newer)
    }
    return TextMatches(matches: all.map { match($0, bytes: word.bytes.count) }, total: total)
  }

  /// A matching field of an entry, before its text is read out.
  private struct Hit {
    var account: Int
    var seq: Int
    var day: Day
    var kind: String
    var label: String
    var text: PackedText
    var offset: Int
  }

  private func hits(at position: Int, for word: TextNeedle) -> [Hit] {
    let account = accounts[position: position]
    var hits: [Hit] = []
    func look(
      _ meta: EntryMeta, _ day: Day, _ kind: String, _ label: @autoclosure () -> String, _ text: PackedText?
    ) -> Bool {
      guard let text, !meta.isRetracted, let offset = word.offset(in: text) else { return false }
      hits.append(
        Hit(account: position, seq: meta.seq, day: day, kind: kind, label: label(), text: text, offset: offset))
      return true
    }
    // Touchpoints hold no objects, so reading them from every core at once costs no reference counts.
    do {
      let touchpoints = account.touchpoints
      for index in touchpoints.indices {
        let summary = touchpoints[index].summaryText
        let outcome = touchpoints[index].outcomeText
        guard word.offset(in: summary) != nil || outcome.map({ word.offset(in: $0) != nil }) ?? false else { continue }
        let touchpoint = touchpoints[index]
        let label = touchpoint.kind.label
        if !look(touchpoint.meta, touchpoint.date, "touchpoint", label, summary) {
          _ = look(touchpoint.meta, touchpoint.date, "touchpoint", label, outcome)
        }
      }
    }
    for note in account.valueNotes { _ = look(note.meta, note.date, "value", "value note", note.packedText) }
    for response in account.npsResponses {
      _ = look(response.meta, response.date, "nps", "NPS \(response.score)", response.packedComment)
    }
    for criterion in account.criteria {
      _ = look(criterion.meta, criterion.added, "criterion-added", "criterion", criterion.packedText)
    }
    for id in account.taskIDs {
      guard let task = tasks[id] else { continue }
      _ = look(task.meta, task.created, "task", "task", task.packedText)
    }
    return hits
  }

  private func match(_ hit: Hit, bytes: Int) -> TextMatch {
    let text = hit.text.string
    // Byte offsets as character offsets, for drawing.
    let (prefix, found) = TextStore.withBytes(of: hit.text) { all in
      (
        String(decoding: all.prefix(hit.offset), as: UTF8.self).count,
        String(decoding: all.dropFirst(hit.offset).prefix(bytes), as: UTF8.self).count
      )
    }
    return TextMatch(
      account: accounts[position: hit.account].slug, seq: hit.seq, day: hit.day, kind: hit.kind, label: hit.label,
      text: text, offset: min(prefix, text.count), length: found)
  }
}

/// What a text search looks for, as bytes: ASCII letters folded to lower case.
struct TextNeedle: Sendable {
  let bytes: [UInt8]

  init(_ text: String) { bytes = Array(text.utf8).map(Self.folded) }

  @inline(__always)
  static func folded(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

  /// The byte offset of the first match in `text`, if any.
  func offset(in text: PackedText) -> Int? {
    TextStore.withBytes(of: text) { Self.offset(of: bytes, in: $0) }
  }

  static func offset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count else { return nil }
    // The first byte in either case, compared without folding every byte of the text.
    let other = first &- 97 < 26 ? first & ~0x20 : first
    return needle.withUnsafeBufferPointer { word in
      let last = haystack.count - word.count
      var start = 0
      while start <= last {
        let byte = haystack[start]
        if byte == first || byte == other {
          var matched = 1
          while matched < word.count && folded(haystack[start + matched]) == word[matched] { matched += 1 }
          if matched == word.count { return start }
        }
        start += 1
      }
      return nil
    }
  }
}
