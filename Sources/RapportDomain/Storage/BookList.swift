/// A list of a book's entries: those a checkpoint holds, read where they lie in its mapped file, then
/// those folded since (kept in this process's memory), and the few of the first kind changed since
/// (a retraction, an amendment, a closing), kept aside by position.
///
/// So a hundred viewers of one book share one copy of it in the page cache, and each keeps privately
/// only what it changes or adds. A list built by the fold alone has no mapped part and is an array.
/// Sixteen bytes: an account holds eight of these and every assessment copies its account.
public struct BookList<Element: MappableEntry>: Sendable {
  /// Entries after the mapped part.
  private var added: [Element] = []
  /// The mapped part, shared between copies until one of them changes an entry of it.
  private var mapped: MappedPart<Element>?

  public init() {}

  public init(_ elements: some Sequence<Element>) { added = Array(elements) }

  /// The `count` entries at `base` in a checkpoint mapped by `region`, in their portable form.
  package init(mapping base: UnsafeRawPointer, count: Int, region: MappedRegion) {
    if count > 0 { mapped = MappedPart(base: base, count: count, region: region) }
  }

  /// Whether any entry is read from a mapping.
  package var isMapped: Bool { mapped != nil }

  /// Where the mapped entries lie (nil when none are mapped).
  package var mappedAddress: UnsafeRawPointer? { mapped?.base }

  /// How many mapped entries were changed since, and are kept aside in this process's memory.
  package var changedCount: Int { mapped?.changed.count ?? 0 }

  private var mappedCount: Int { mapped?.count ?? 0 }

  /// The entries as an array (copied out of the mapping).
  public var array: [Element] { mapped == nil ? added : Array(self) }

  /// Visits every entry where it lies (the mapped ones as a relocated copy): what `Array.visit`
  /// does for a list in memory.
  func visit(_ body: (UnsafePointer<Element>) -> Void) {
    if let mapped {
      for position in 0..<mapped.count { withUnsafePointer(to: mapped[position]) { body($0) } }
    }
    added.visit(body)
  }

  /// Copies the mapped part into this process's memory: before a change a mapping cannot take.
  private mutating func materialize() {
    guard mapped != nil else { return }
    added = Array(self)
    mapped = nil
  }
}

/// The mapped part of a `BookList`, and its entries changed since.
private final class MappedPart<Element: MappableEntry>: @unchecked Sendable {
  // @unchecked: `base` points into a read-only mapping that is never unmapped (see `MappedRegion`);
  // `changed` is only written through a list that holds the only reference (copy on write).
  let base: UnsafeRawPointer
  let count: Int
  let region: MappedRegion
  var changed: [Int: Element] = [:]

  init(base: UnsafeRawPointer, count: Int, region: MappedRegion) {
    self.base = base
    self.count = count
    self.region = region
  }

  subscript(position: Int) -> Element {
    if !changed.isEmpty, let element = changed[position] { return element }
    let element = base.load(fromByteOffset: position * MemoryLayout<Element>.stride, as: Element.self)
    return element.relocated(by: region.relocation)
  }

  func copy() -> MappedPart {
    let copy = MappedPart(base: base, count: count, region: region)
    copy.changed = changed
    return copy
  }
}

extension BookList: RandomAccessCollection, MutableCollection {
  public typealias Index = Int

  public var startIndex: Int { 0 }
  public var endIndex: Int { mappedCount + added.count }
  public var count: Int { mappedCount + added.count }
  public var isEmpty: Bool { mapped == nil && added.isEmpty }

  public subscript(position: Int) -> Element {
    get {
      guard let mapped else { return added[position] }
      return position < mapped.count ? mapped[position] : added[position - mapped.count]
    }
    set {
      guard let part = mapped, position < part.count else {
        added[position - mappedCount] = newValue
        return
      }
      precondition(position >= 0, "index out of range")
      if !isKnownUniquelyReferenced(&mapped) { mapped = part.copy() }
      mapped?.changed[position] = newValue
    }
  }
}

extension BookList: RangeReplaceableCollection {
  public mutating func append(_ element: Element) { added.append(element) }

  public mutating func append(contentsOf elements: some Sequence<Element>) { added.append(contentsOf: elements) }

  public mutating func reserveCapacity(_ capacity: Int) { added.reserveCapacity(Swift.max(0, capacity - mappedCount)) }

  public mutating func replaceSubrange(_ range: Range<Int>, with elements: some Collection<Element>) {
    let mappedCount = mappedCount
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
    if lhs.mapped == nil && rhs.mapped == nil { return lhs.added == rhs.added }
    return lhs.elementsEqual(rhs)
  }
}
