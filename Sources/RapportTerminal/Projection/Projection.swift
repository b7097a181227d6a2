import RapportDomain
import RapportJournal

/// The dashboard's read model: every account assessed in the list's order, the filter's search keys
/// and what passes the filter, the open plays and the due lists, the board. Built from a book once, then
/// kept current by `absorb(_:book:)` from `Desk.Changes`, which is how this dashboard's saves and other
/// writers' appends both arrive: only the accounts a change touched are assessed again and moved to
/// their places (every open dashboard follows each append, so the cost of one is paid many times).
///
/// The due lists and the board are derived when their screen first asks (`prepareDue`, `prepareBoard`),
/// not on every change: a dashboard on the account list pays nothing for them.
struct Projection {
  /// How the first build assesses the accounts.
  enum Assessing {
    /// Every account wholly, before the projection is made: what `rows` says is final at once.
    case everything
    /// Every account's standing (`Assessor.standings()`: enough to put the rows in order), then wholly
    /// only the rows about to be shown (`assessShownRows`), the others in the background
    /// (`AssessmentWorker`) or when asked (`assessEverything`): a dashboard's first frame waits for
    /// the forty rows on screen, not for 5,000 (issue 18).
    case shownRowsFirst
  }

  let today: Day
  let user: String

  /// Every account assessed, in `listOrder`, as the list shows it: without its plays and measure
  /// readings (empty but for the readings of the measures that fell, which the board says in words),
  /// which only the selected account's detail (`detail(of:book:)`) and the
  /// due screen (`prepareDue`) need. A viewer keeps 5,000 rows for as long as it is open, and their plays
  /// and readings were half of its private memory (issue 18).
  private(set) var rows: [Assessment] = []
  /// Whether each row is assessed wholly (false: its standing only), in step with `rows`.
  private var isWhole: [Bool] = []
  /// How many rows hold their standing only.
  private(set) var standingsLeft = 0
  /// Assesses those rows in the background; the job it was given, if it still runs for these rows.
  private let worker = AssessmentWorker()
  private var workerJob: Int?
  /// Lowercased "name slug owner" per row, as UTF-8, for the filter (built by the first filter).
  private var searchKeys: [[UInt8]] = []
  /// Indices into `rows` that pass the filter, in order.
  private(set) var visible: [Int] = []
  /// The journal position (last seq) the rows were assessed at.
  private(set) var assessedSeq = 0
  /// The needle `visible` was last filtered with (nil: filter again from all rows).
  private var filtered: [UInt8]?
  /// Every open play, in `dueOrder`: gathered when the due screen first shows, then kept with the rows.
  private var plays: [Play] = []
  private var playsGathered = false
  /// The due screen's lists, once asked for since the rows last changed.
  private(set) var due = DuePlays()
  private var dueCurrent = false
  /// The due lists narrowed by the due screen's filter, kept with them.
  private(set) var dueShown = DueMatches()
  /// The due screen's filter, as typed.
  private var dueFilter = ""
  /// The board's groups and movers, once asked for since the rows last changed.
  private(set) var board = BoardSummary()
  private var boardCurrent = false
  /// The entries whose text contains the filter (from `TextSearch.minimumLength` characters), once the
  /// background search for the current filter and book is done; empty until then.
  private(set) var textMatches = TextMatches()
  /// Whether the text search for the current filter is still under way.
  private(set) var isSearchingText = false
  /// The search `textMatches` is for, or being waited for.
  private var textQuery: TextSearchWorker.Query?
  /// The book to search, until the search is asked for (at the next poll: typing does not wait for it).
  private var textBook: Book?
  /// Where the accounts of the text matches are in `rows`.
  private var matchRows: [String: Int] = [:]
  private let textSearch = TextSearchWorker()
  /// The selected account's health over the last weeks, per account and book position.
  let histories = HealthHistoryCache()
  /// The selected account's whole assessment, per journal position.
  private let details = PositionCache<Assessment>(capacity: 64)

  /// Assesses every account of `book` (at journal position `seq`), as `assessing` says, and filters
  /// with `filter`.
  init(book: Book, at seq: Int, today: Day, user: String, filter: String, assessing: Assessing = .everything) {
    self.today = today
    self.user = user
    switch assessing {
    case .everything: rebuild(book, at: seq)
    case .shownRowsFirst: order(book, at: seq)
    }
    self.filter(filter)
  }

  // MARK: The order

  /// The list's order: unowned first, then worst health first (red, yellow, unknown, green), lowest
  /// score first, then by id. The one definition: the first build sorts by it, updates insert by it.
  static func listKey(_ item: Assessment) -> (Int, Int, Int, String) {
    (item.account.owner == nil ? 0 : 1, item.health.health.severity, item.health.score ?? 101, item.account.slug)
  }

  static func listOrder(_ left: Assessment, _ right: Assessment) -> Bool { listKey(left) < listKey(right) }

  /// The positions of `items` in the list's order (`listKey`): sorted as keys that hold `listKey`'s
  /// three small numbers packed into one, compared where they lie. Sorting positions by `listKey`
  /// tuples copied an id in and out at every comparison: a fifth of a dashboard's start.
  static func listOrder(of items: [Assessment]) -> [Int] {
    var keys = items.indices.map { SortKey(items[$0], at: $0) }
    keys.sort()
    return keys.map(\.position)
  }

  /// `listKey` as one number (ownership, severity 0–3, score 0–101, a byte each) and the id.
  private struct SortKey: Comparable {
    var packed: Int
    var slug: String
    var position: Int

    init(_ item: Assessment, at position: Int) {
      let key = Projection.listKey(item)
      packed = key.0 << 16 | key.1 << 8 | key.2
      slug = key.3
      self.position = position
    }

    static func < (left: SortKey, right: SortKey) -> Bool {
      left.packed != right.packed ? left.packed < right.packed : left.slug < right.slug
    }

    static func == (left: SortKey, right: SortKey) -> Bool { left.packed == right.packed && left.slug == right.slug }
  }

  /// The due screen's order, by urgency: overdue first, most overdue first; then not yet due, soonest
  /// first; then the stale (overdue more than a year), apart at the end; then by account, play, task
  /// and title (a total order, so that moving one account's plays keeps every other play where it was).
  static func dueOrder(_ today: Day) -> (Play, Play) -> Bool {
    { left, right in
      let leftUrgency = DueMatches.urgency(left, on: today)
      let rightUrgency = DueMatches.urgency(right, on: today)
      if leftUrgency != rightUrgency { return leftUrgency < rightUrgency }
      // Overdue: by the last day each was on time (the most days late first).
      if leftUrgency != 1, left.lateAfter != right.lateAfter { return left.lateAfter < right.lateAfter }
      if left.due != right.due { return left.due < right.due }
      if left.account != right.account { return left.account < right.account }
      if left.code != right.code { return left.code.rawValue < right.code.rawValue }
      if left.taskID != right.taskID { return (left.taskID ?? -1) < (right.taskID ?? -1) }
      return left.title < right.title
    }
  }

  // MARK: Keeping current

  /// Takes `changes` folded into `book` (now at `seq`): re-assesses the accounts they touched, or
  /// everything when they may touch every account, when they are most of the book, or when records were
  /// folded that `changes` does not count. Returns whether anything changed.
  mutating func absorb(_ changes: Desk.Changes, book: Book, at seq: Int) -> Bool {
    let unseen = changes.records < seq - assessedSeq
    guard changes.records > 0 || unseen else { return false }
    if !unseen, let touched = changes.accounts, touched.count <= max(64, rows.count / 8) {
      update(touched, book: book, at: seq)
    } else {
      rebuild(book, at: seq)
    }
    // The entries' text changed: searched again, the matches found so far shown until then.
    searchText(book: book)
    return true
  }

  /// The changes `records` (just folded into `book`) make: the accounts they touch, or every account.
  static func changes(of records: [Record], in book: Book) -> Desk.Changes {
    var touched: Set<String>? = []
    for record in records {
      guard let slugs = book.accountsTouched(by: record) else {
        touched = nil
        break
      }
      touched?.formUnion(slugs)
    }
    return Desk.Changes(records: records.count, accounts: touched)
  }

  /// Assesses every account again; everything derived from the rows is built again when asked.
  private mutating func rebuild(_ book: Book, at seq: Int) {
    // In the book's order: `listOrder(of:)` sorts them, through keys (moving the large assessments
    // while comparing them costs more than the keys); `board()` would sort them once more before.
    let assessed = Assessor(book: book, today: today).assess(book.accounts.values)
    // The rows are made while all the assessments still hold their memory, so that what they keep lies
    // together and all that the assessments leave is freed in whole pages (returned to the system).
    rows = Self.listOrder(of: assessed).map { Self.listRow(assessed[$0]) }
    rowsReplaced(whole: true, at: seq)
  }

  /// Puts every account in the list's order from its standing alone (see `Assessing.shownRowsFirst`).
  private mutating func order(_ book: Book, at seq: Int) {
    let standings = Assessor(book: book, today: today).standings()
    let order = Self.listOrder(of: standings)
    // Moved, not copied: the only reference to the standings goes.
    rows = (consume standings).reordered(by: order)
    rowsReplaced(whole: false, at: seq)
  }

  /// Every row was replaced, each assessed wholly or holding its standing only (`whole`): the
  /// background's job, if any, is for rows that are gone, and all that is derived from the rows is
  /// built again when asked.
  private mutating func rowsReplaced(whole: Bool, at seq: Int) {
    isWhole = Array(repeating: whole, count: rows.count)
    standingsLeft = whole ? 0 : rows.count
    worker.cancel()
    workerJob = nil
    searchKeys = []
    plays = []
    playsGathered = false
    rowsChanged(at: seq)
  }

  // MARK: Rows assessed later

  /// Assesses wholly the rows of `visible[range]` that hold their standing only: those about to be
  /// drawn.
  mutating func assessRows(visibleAt range: Range<Int>, book: Book) {
    guard standingsLeft > 0 else { return }
    let shown = range.clamped(to: visible.indices)
    assessWholly(visible[shown].filter { !isWhole[$0] }, book: book)
  }

  /// Assesses wholly every row that holds its standing only: the background's rows if it is done, the
  /// rest here (on every core).
  mutating func assessEverything(book: Book) {
    guard standingsLeft > 0 else { return }
    if workerJob != nil { assessInBackground(book: book) }
    guard standingsLeft > 0 else { return }
    worker.cancel()
    workerJob = nil
    assessWholly(rowsHoldingStandings, book: book)
  }

  /// Assesses in the background the rows that hold their standing only, and takes them once done (the
  /// order is the same: nothing on screen moves); returns whether it took them. The shell calls it when
  /// it polls, so the background starts at the first poll after the first frame: never before its own
  /// first frame is drawn, nor (it has the idle policy) before those of other dashboards opening then.
  @discardableResult
  mutating func assessInBackground(book: Book) -> Bool {
    guard standingsLeft > 0 else { return false }
    guard let job = workerJob else {
      let slugs = rowsHoldingStandings.map { rows[$0].account.slug }
      workerJob = worker.start(slugs, in: book, today: today)
      return false
    }
    guard let assessed = worker.takeRows(of: job) else { return false }
    workerJob = nil
    let positions = Dictionary(assessed.indices.map { (assessed[$0].account.slug, $0) }) { first, _ in first }
    for index in rows.indices where !isWhole[index] {
      // A row assessed here since (touched by a change) is whole already; the others' accounts have not
      // changed since the job started (a change that touches every account assesses everything).
      guard let position = positions[rows[index].account.slug] else { continue }
      rows[index] = assessed[position]
      isWhole[index] = true
      standingsLeft -= 1
    }
    return true
  }

  /// The indices of the rows that hold their standing only.
  private var rowsHoldingStandings: [Int] { rows.indices.filter { !isWhole[$0] } }

  /// Assesses wholly the rows at `indices`, in place (their order does not change).
  private mutating func assessWholly(_ indices: [Int], book: Book) {
    guard !indices.isEmpty else { return }
    let assessed = Assessor(book: book, today: today).assess(indices.map { rows[$0].account })
    for (index, item) in zip(indices, assessed) {
      rows[index] = Self.listRow(item)
      isWhole[index] = true
    }
    standingsLeft -= indices.count
  }

  /// Assesses again only the accounts in `touched` and moves them to their places, in place: a poll
  /// that brings one touchpoint moves a few rows and plays, it does not copy the book's worth of them.
  private mutating func update(_ touched: Set<String>, book: Book, at seq: Int) {
    let assessor = Assessor(book: book, today: today)
    let dueOrder = Self.dueOrder(today)
    for slug in touched.sorted() {
      // The filter keys exist once a filter was typed; kept in step from then on.
      let keyed = searchKeys.count == rows.count
      if let old = rows.firstIndex(where: { $0.account.slug == slug }) {
        rows.remove(at: old)
        if !isWhole.remove(at: old) { standingsLeft -= 1 }
        if keyed { searchKeys.remove(at: old) }
      }
      if playsGathered { plays.removeAll { $0.account == slug } }
      guard let account = book.accounts[slug] else { continue }
      let item = assessor.assess(account)
      let position = rows.insertionIndex(of: item, by: Self.listOrder)
      rows.insert(Self.listRow(item), at: position)
      isWhole.insert(true, at: position)
      if keyed { searchKeys.insert(Self.searchKey(item), at: position) }
      if playsGathered {
        for play in item.plays { plays.insert(play, at: plays.insertionIndex(of: play, by: dueOrder)) }
      }
    }
    rowsChanged(at: seq)
  }

  /// `item` as `rows` keeps it: without plays and readings (but the fallen measures'), its few remaining buffers copied afresh
  /// (see `rebuild`).
  static func listRow(_ item: Assessment) -> Assessment {
    var row = item
    row.plays = []
    // The fallen measures' readings stay: the board says in words why an account got worse.
    row.health.readings = item.health.readings.filter { item.trend.fallen.contains($0.measure) }
    row.alerts =
      item.alerts.isEmpty
      ? []
      : Array(unsafeUninitializedCapacity: item.alerts.count) { buffer, count in
        count = buffer.initialize(fromContentsOf: item.alerts)
      }
    row.trend.reason = fresh(item.trend.reason)
    row.trend.settingsChanged = fresh(item.trend.settingsChanged)
    row.trend.fallen = item.trend.fallen.isEmpty ? [] : item.trend.fallen.map { $0 }
    return row
  }

  /// A copy of `text` in storage of its own (a `String` initialised from another shares its storage).
  private static func fresh(_ text: String) -> String {
    let bytes = text.utf8
    return String(unsafeUninitializedCapacity: bytes.count) { buffer in buffer.initialize(fromContentsOf: bytes) }
  }

  /// The whole assessment of `item`'s account (with its plays and measure readings) in `book`, the book
  /// the rows were assessed from; computed once per account and journal position.
  func detail(of item: Assessment, book: Book) -> Assessment {
    details.value(of: item.account.slug, at: assessedSeq) {
      book.accounts[item.account.slug].map { Assessor(book: book, today: today).assess($0) } ?? item
    }
  }

  /// The rows changed: the derived lists are stale, the filter runs again from all rows.
  private mutating func rowsChanged(at seq: Int) {
    assessedSeq = seq
    due = DuePlays()
    dueShown = DueMatches()
    dueCurrent = false
    board = BoardSummary()
    boardCurrent = false
    let needle = filtered.map { String(decoding: $0, as: UTF8.self) } ?? ""
    filtered = nil
    filter(needle)
    indexMatchRows()
  }

  /// Builds the due lists for the current rows, once per change of the rows.
  mutating func prepareDue(book: Book) {
    guard !dueCurrent else { return }
    if !playsGathered {
      plays = Assessor(book: book, today: today).plays()
      plays.sort(by: Self.dueOrder(today))
      playsGathered = true
    }
    due = DuePlays(everyone: plays, user: user, today: today, book: book)
    dueShown.invalidate()
    dueShown.filter(dueFilter, due: due, book: book)
    dueCurrent = true
  }

  /// Narrows the due lists with the due screen's filter (by account name, id, owner or play).
  mutating func filterDue(_ text: String, book: Book) {
    dueFilter = text
    if dueCurrent { dueShown.filter(text, due: due, book: book) }
  }

  /// Builds the board for the current rows, once per change of the rows (every row assessed wholly
  /// first: the board counts them all).
  mutating func prepareBoard(book: Book) {
    assessEverything(book: book)
    guard !boardCurrent else { return }
    board = BoardSummary(rows: rows)
    boardCurrent = true
  }

  // MARK: The filter

  /// What the filter looks in: "name slug owner", lowercased, as UTF-8.
  static func searchKey(_ item: Assessment) -> [UInt8] {
    Array((item.account.name + " " + item.account.slug + " " + (item.account.owner ?? "")).lowercased().utf8)
  }

  /// Filters with `text` (see `filter(_:)`) and searches the entries' text for it in the background.
  mutating func filter(_ text: String, book: Book) {
    filter(text)
    searchText(book: book)
  }

  /// Asks for the search of the entries' text for the current filter in `book` (from
  /// `TextSearch.minimumLength` characters; a shorter filter shows no text matches). It starts at the
  /// next `startTextSearch()`, which the shell calls when it polls: while keys keep coming (a filter
  /// typed) no search competes with them for the processor, and one starts when the typing pauses.
  private mutating func searchText(book: Book) {
    let needle = String(decoding: filtered ?? [], as: UTF8.self).trimmingSpaces()
    let query =
      needle.count >= TextSearch.minimumLength ? TextSearchWorker.Query(needle: needle, seq: assessedSeq) : nil
    // A new needle hides the last one's matches; a new book keeps them until the search is done.
    if query?.needle != textQuery?.needle {
      textMatches = TextMatches()
      matchRows = [:]
    }
    textQuery = query
    textBook = query == nil ? nil : book
    isSearchingText = query != nil
    if query == nil { textSearch.want(nil, in: book) }
  }

  /// Starts the text search asked for since the last call, if any.
  mutating func startTextSearch() {
    guard let book = textBook.take() else { return }
    textSearch.want(textQuery, in: book)
  }

  /// Takes the text matches of the current filter if their search finished; returns whether they are new.
  mutating func collectTextMatches() -> Bool {
    guard let query = textQuery else {
      isSearchingText = false
      return false
    }
    guard let found = textSearch.matches(for: query) else {
      isSearchingText = true
      return false
    }
    let changed = isSearchingText || found != textMatches
    isSearchingText = false
    textMatches = found
    if changed { indexMatchRows() }
    return changed
  }

  /// Finds the rows of the matches' accounts, once per change of the matches or the rows.
  private mutating func indexMatchRows() {
    matchRows = [:]
    guard !textMatches.matches.isEmpty else { return }
    let wanted = Set(textMatches.matches.map(\.account))
    for (index, row) in rows.enumerated() where wanted.contains(row.account.slug) {
      matchRows[row.account.slug] = index
    }
  }

  /// Rows of the account list: the accounts that pass the filter, then the entries that mention it.
  var listCount: Int { visible.count + textMatches.matches.count }

  /// The text match at list row `index`, if that row is one.
  func textMatch(atRow index: Int) -> TextMatch? {
    let offset = index - visible.count
    return textMatches.matches.indices.contains(offset) ? textMatches.matches[offset] : nil
  }

  /// The assessment of the account `slug`: found through the matches' index, else by a linear search
  /// (for one row, not for every row).
  func row(of slug: String) -> Assessment? {
    if let index = matchRows[slug], rows.indices.contains(index), rows[index].account.slug == slug {
      return rows[index]
    }
    return rows.first { $0.account.slug == slug }
  }

  /// Keeps the rows whose name, slug or owner contains `text` (any case).
  mutating func filter(_ text: String) {
    let needle = Array(text.lowercased().utf8)
    if needle.isEmpty {
      visible = Array(rows.indices)
    } else if let filtered, !filtered.isEmpty, needle.starts(with: filtered) {
      // A longer needle only narrows what the shorter one matched.
      if searchKeys.count != rows.count { searchKeys = rows.map(Self.searchKey) }
      visible = visible.filter { Self.search(searchKeys[$0], for: needle) }
    } else {
      if searchKeys.count != rows.count { searchKeys = rows.map(Self.searchKey) }
      visible = rows.indices.filter { Self.search(searchKeys[$0], for: needle) }
    }
    filtered = needle
  }

  /// Whether `needle` occurs in `haystack` (bytes).
  static func search(_ haystack: [UInt8], for needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { word in
        var start = 0
        let last = hay.count - word.count
        while start <= last {
          if hay[start] == first {
            var matched = 1
            while matched < word.count && hay[start + matched] == word[matched] { matched += 1 }
            if matched == word.count { return true }
          }
          start += 1
        }
        return false
      }
    }
  }

  /// Everyone who owns an account, and the user, sorted: the choices of owner fields.
  var knownOwners: [String] {
    var owners = Set(rows.compactMap(\.account.owner))
    owners.insert(user)
    return owners.sorted()
  }
}

/// The text search's settings.
enum TextSearch {
  /// The entries' text is searched from this many characters of filter: fewer match too much to list.
  static let minimumLength = 3
}

/// The open plays the due screen lists, kept in its order.
struct DuePlays {
  var everyone: [Play] = []
  /// The plays the user owns, and those on the accounts they manage (marked).
  var mine: [Play] = []
  var overdueEveryone = 0
  var overdueMine = 0

  init() {}

  init(everyone: [Play], user: String, today: Day, book: Book) {
    self.everyone = everyone
    mine = PlayBook.plays(everyone, for: user, in: book)
    overdueEveryone = everyone.reduce(0) { $0 + ($1.isOverdue(on: today) ? 1 : 0) }
    overdueMine = mine.reduce(0) { $0 + ($1.isOverdue(on: today) ? 1 : 0) }
  }
}

extension Array {
  /// Where `element` goes in this array, sorted by `areInIncreasingOrder`: after every element ordered
  /// before it (binary search).
  func insertionIndex(of element: Element, by areInIncreasingOrder: (Element, Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if areInIncreasingOrder(self[middle], element) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
