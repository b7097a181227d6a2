import Synchronization

/// What few entries' `EntryMeta` have — a retraction, amendments, a sequence number beyond 32 bits —
/// kept once for the whole process and referred to by a number (0: none), so that an `EntryMeta` holds
/// no object and can be read where it lies in a mapped checkpoint.
///
/// Values are never changed or removed: a change stores a new value. The store grows by one value per
/// correction the process folds, and by a checkpoint's own when it is opened.
package enum RareParts {
  package struct Value: Sendable, Equatable {
    package var seq: Int?
    package var retraction: Retraction?
    package var amendments: [Int]

    package init(seq: Int?, retraction: Retraction?, amendments: [Int]) {
      self.seq = seq
      self.retraction = retraction
      self.amendments = amendments
    }

    var isEmpty: Bool { seq == nil && retraction == nil && amendments.isEmpty }
  }

  private static let values = Mutex<[Value]>([Value(seq: nil, retraction: nil, amendments: [])])

  /// The number of a new value (0 for an empty one).
  static func store(_ value: Value) -> UInt32 {
    guard !value.isEmpty else { return 0 }
    return values.withLock { values in
      values.append(value)
      return UInt32(truncatingIfNeeded: values.count - 1)
    }
  }

  /// Stores a checkpoint's values, in order; returns the base its numbers are relocated by.
  package static func adopt(_ adopted: [Value]) -> UInt32 {
    values.withLock { values in
      let base = UInt32(truncatingIfNeeded: values.count - 1)
      values.append(contentsOf: adopted)
      return base
    }
  }

  /// The value numbered `number` (empty for 0 or a number never given).
  package static func value(_ number: UInt32) -> Value {
    guard number != 0 else { return Value(seq: nil, retraction: nil, amendments: []) }
    return values.withLock { values in
      Int(number) < values.count ? values[Int(number)] : Value(seq: nil, retraction: nil, amendments: [])
    }
  }
}
