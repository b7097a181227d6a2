/// A list of a book's entries: those a checkpoint holds, read where they lie in its mapped file, then
/// those folded since (kept in this process's memory), and the few of the first kind changed since
/// (a retraction, an amendment, a closing), kept aside by position.
///
/// So a hundred viewers of one book share one copy of it in the page cache, and each keeps privately
/// only what it changes or adds. A list built by the fold alone has no mapped part and is an array.
/// Thirty-two bytes and no object of its own: an account holds eight, and every assessment copies its
/// account.
public struct BookList<Element: MappableEntry>: @unchecked Sendable {
  // @unchecked: `base` points into a read-only mapping that is never unmapped (see `MappedRegion`).
  var base: UnsafeRawPointer?
  var storedMappedCount: UInt32 = 0
  /// The `MappedRegion` of the mapped part, by number.
  var regionNumber: UInt32 = 0
  /// Entries of the mapped part changed since, by position. Made with `init()`: the empty literal
  /// looks up the metadata of its (Int, Element) pairs, under a lock, each time an account's eight
  /// lists are read from a checkpoint (40,000 times on a dashboard's start, on every core).
  var changed = [Int: Element]()
  /// Entries after the mapped part.
  var added: [Element] = []

  public init() {}

  public init(_ elements: some Sequence<Element>) { added = Array(elements) }

  /// The `count` entries (fewer than 2³²) at `base` in a checkpoint mapped by `region`, in their
  /// portable form.
  package init(mapping base: UnsafeRawPointer, count: Int, region: MappedRegion) {
    guard count > 0 else { return }
    self.base = base
    storedMappedCount = UInt32(truncatingIfNeeded: count)
    regionNumber = region.number
  }

  var mappedCount: Int { Int(storedMappedCount) }

  /// Whether any entry is read from a mapping.
  package var isMapped: Bool { mappedCount > 0 }

  /// Where the mapped entries lie (nil when none are mapped).
  package var mappedAddress: UnsafeRawPointer? { base }

  /// How many mapped entries were changed since, and are kept aside in this process's memory.
  package var changedCount: Int { changed.count }

  /// The entries as an array (copied out of the mapping).
  public var array: [Element] { mappedCount == 0 ? added : Array(self) }

  func mappedElement(at position: Int) -> Element {
    if !changed.isEmpty, let element = changed[position] { return element }
    // Only a mapping gives a base, and only with a region.
    let element = base.unsafelyUnwrapped.load(
      fromByteOffset: position * MemoryLayout<Element>.stride, as: Element.self)
    return element.relocated(by: MappedRegion.relocation(regionNumber))
  }

  /// Visits every entry where it lies (the mapped ones as a relocated copy): what `Array.visit`
  /// does for a list in memory.
  func visit(_ body: (UnsafePointer<Element>) -> Void) {
    for position in 0..<mappedCount {
      withUnsafePointer(to: mappedElement(at: position)) { body($0) }
    }
    added.visit(body)
  }

  /// Copies the mapped part into this process's memory: before a change a mapping cannot take.
  mutating func materialize() {
    guard mappedCount > 0 else { return }
    added = Array(self)
    base = nil
    storedMappedCount = 0
    changed = [:]
  }
}

extension BookList: RandomAccessCollection, MutableCollection {
  public typealias Index = Int

  public var startIndex: Int { 0 }
  public var endIndex: Int { mappedCount + added.count }
  public var count: Int { mappedCount + added.count }
  public var isEmpty: Bool { mappedCount == 0 && added.isEmpty }

  public subscript(position: Int) -> Element {
    get { position < mappedCount ? mappedElement(at: position) : added[position - mappedCount] }
    set {
      if position < mappedCount {
        precondition(position >= 0, "index out of range")
        changed[position] = newValue
      } else {
        added[position - mappedCount] = newValue
      }
    }
  }
}

extension BookList: RangeReplaceableCollection {
  public mutating func append(_ element: Element) { added.append(element) }

  public mutating func append(contentsOf elements: some Sequence<Element>) { added.append(contentsOf: elements) }

  public mutating func reserveCapacity(_ capacity: Int) { added.reserveCapacity(Swift.max(0, capacity - mappedCount)) }

  public mutating func replaceSubrange(_ range: Range<Int>, with elements: some Collection<Element>) {
    if range.lowerBound >= mappedCount {
      added.replaceSubrange((range.lowerBound - mappedCount)..<(range.upperBound - mappedCount), with: elements)
    } else {
      materialize()
      added.replaceSubrange(range, with: elements)
    }
  }
}

extension BookList: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) { added = elements }
}

extension BookList: Equatable {
  public static func == (lhs: BookList, rhs: BookList) -> Bool {
    if lhs.mappedCount == 0 && rhs.mappedCount == 0 { return lhs.added == rhs.added }
    return lhs.elementsEqual(rhs)
  }
}

extension BookList where Element == UInt64 {
  /// The first position whose number `isInvalid` refuses (given the position and the number), the
  /// mapped ones read where they lie: numbers need no relocation, and a million of them are checked
  /// each time a checkpoint is opened (read one by one through `subscript` they cost more than the
  /// checksum of the whole file).
  func firstPosition(where isInvalid: (Int, UInt64) -> Bool) -> Int? {
    if let base, changed.isEmpty {
      let mapped = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt64.self), count: mappedCount)
      if let position = mapped.indices.first(where: { isInvalid($0, mapped[$0]) }) { return position }
    } else if let position = (0..<mappedCount).first(where: { isInvalid($0, mappedElement(at: $0)) }) {
      return position
    }
    return added.indices.first { isInvalid(mappedCount + $0, added[$0]) }.map { mappedCount + $0 }
  }
}
