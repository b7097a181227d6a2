/// "Did you mean": the known words closest to what the user typed.
///
/// A candidate is close when it is at most two edits away (insertions, deletions, substitutions and
/// swaps of adjacent characters, case ignored) or when the typed word is a prefix of it (distance 0).
/// Only those at the smallest distance, alphabetically; at most `limit`.
enum Suggestion {
  static func closest(to typed: String, among candidates: [String], limit: Int = 3) -> [String] {
    let word = Array(typed.lowercased())
    guard !word.isEmpty else { return [] }
    var scored: [(distance: Int, candidate: String)] = []
    for candidate in Set(candidates) where candidate != typed {
      let other = Array(candidate.lowercased())
      if other.starts(with: word) {
        scored.append((0, candidate))
      } else {
        let distance = editDistance(word, other)
        if distance <= 2, distance < max(word.count, other.count) { scored.append((distance, candidate)) }
      }
    }
    scored.sort { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
    // Only the closest: "lsit" suggests "list", not also "set".
    guard let best = scored.first?.distance else { return [] }
    return scored.prefix { $0.distance == best }.prefix(limit).map(\.candidate)
  }

  /// The line said after an error, or nil when nothing is close: "did you mean 'acme-1'?" or
  /// "did you mean 'call' or 'qbr'?".
  static func line(for typed: String, among candidates: [String], quoting: (String) -> String = { "'\($0)'" })
    -> String?
  {
    let found = closest(to: typed, among: candidates)
    guard !found.isEmpty else { return nil }
    let quoted = found.map(quoting)
    let listed =
      quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    return "did you mean \(listed)?"
  }

  /// The words of a list of choices as an error states them ("a, b, c" or "a, b or c"), or nil when
  /// it is not such a list (a range, a sentence, fewer than three words).
  static func choices(in expected: String) -> [String]? {
    guard expected.contains(", ") else { return nil }
    let words = expected.replacing(" or ", with: ", ").split(separator: ", ").map(String.init)
    // Lowercase letters, digits and hyphens, with at least one letter ("30-day-checkin", not "3").
    let isWord = { (word: String) in
      word.contains { $0 >= "a" && $0 <= "z" }
        && word.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }
    guard words.count >= 3, words.allSatisfy(isWord) else { return nil }
    return words
  }

  /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
  static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous2 = [Int](repeating: 0, count: right.count + 1)
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
      current[0] = i
      for j in 1...right.count {
        let cost = left[i - 1] == right[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[right.count]
  }
}
