import RapportDomain

/// What every screen's reducer and view may read besides its own state: the shared read model, the
/// book it comes from, and the dashboard's facts (today, the user, whether it may write, the layout).
/// Built by the shell for one reduce or one frame and dropped after it (holding it longer would make
/// the next change of the read model copy it).
struct ScreenEnvironment {
  let projection: Projection
  let book: Book
  let today: Day
  let user: String
  let layout: Layout
  let theme: Theme
  /// The metrics report, once computed for the current book.
  let report: MetricsReport?
  /// Why the dashboard may not write (nil when it may).
  let readOnlyReason: String?

  /// Why writing is off, for `action`; nil when the dashboard may write.
  func writeRefusal(for action: String) -> String? {
    readOnlyReason.map { "read-only, cannot \(action): \($0)" }
  }

  /// The account list's selected account, under `cursor`: the account of its row, or of the entry
  /// listed there by a text search; its whole assessment, plays and readings included.
  func selection(_ cursor: ListCursor) -> Assessment? {
    let visible = projection.visible
    let row =
      visible.indices.contains(cursor.selection)
      ? projection.rows[visible[cursor.selection]]
      : projection.textMatch(atRow: cursor.selection).flatMap { projection.row(of: $0.account) }
    return row.map { projection.detail(of: $0, book: book) }
  }
}
