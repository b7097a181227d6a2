import RapportDomain

/// The terminal's size in cells, as the backend reports it and as it reaches the dashboard (an action).
public struct TerminalSize: Sendable, Equatable {
  public var rows: Int
  public var columns: Int

  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }

  init(_ size: (rows: Int, columns: Int)) { self.init(rows: size.rows, columns: size.columns) }

  /// The smallest terminal the dashboard draws on; the size it assumes until told otherwise.
  public static let minimum = TerminalSize(rows: 24, columns: 80)
}

/// Where everything goes on a terminal of a given size: a pure function of the size, used both by the
/// key handling (how far a page moves, how many rows a list shows) and by drawing.
struct Layout: Equatable {
  /// The main screen shows the list and the detail together from this many rows or columns.
  static let splitRows = 40
  static let splitColumns = 160

  let size: TerminalSize
  /// Rows of the status line: more than one while a message too long for one row shows.
  let statusRows: Int

  init(_ size: TerminalSize, statusRows: Int = 1) {
    self.size = size
    self.statusRows = max(1, statusRows)
  }

  /// Below 80x24 nothing but a message is drawn.
  var isTooSmall: Bool {
    size.rows < TerminalSize.minimum.rows || size.columns < TerminalSize.minimum.columns
  }

  /// Between the title bar and the status line.
  var body: Rect { Rect(row: 1, column: 0, height: size.rows - 1 - statusRows, width: size.columns) }

  /// Whether the main screen shows the list and the detail together.
  var isSplit: Bool { Self.isSplit(body) }

  static func isSplit(_ body: Rect) -> Bool {
    body.height + 2 >= splitRows || body.width >= splitColumns
  }

  /// Side by side from `splitColumns`, else one above the other.
  var isSideBySide: Bool { body.width >= Self.splitColumns }

  /// The account list's rectangle (with its header row) on the main screen.
  var list: Rect {
    guard isSplit else { return body }
    if isSideBySide {
      return Rect(row: body.row, column: body.column, height: body.height, width: body.width * 11 / 20)
    }
    return Rect(row: body.row, column: body.column, height: max(6, body.height * 9 / 20), width: body.width)
  }

  /// The selected account's rectangle: beside or below the list, or the whole body when it is opened
  /// full-screen below the split size.
  var detail: Rect {
    guard isSplit else { return body }
    let list = list
    if isSideBySide {
      return Rect(row: body.row, column: list.width + 1, height: body.height, width: body.width - list.width - 1)
    }
    return Rect(
      row: body.row + list.height + 1, column: body.column, height: body.height - list.height - 1, width: body.width)
  }

  /// Account rows the list shows (its header row aside).
  var listHeight: Int { max(1, list.height - 1) }

  /// Where the detail's health breakdown and its timeline go, under the detail's three header lines;
  /// `thin` when the health carries a thin-data note (one more line).
  func detailParts(thin: Bool) -> (breakdown: Rect, timeline: Rect) {
    let detail = detail
    let rest = Rect(row: detail.row + 3, column: detail.column, height: detail.height - 3, width: detail.width)
    if rest.width >= 70 && rest.height < 16 {
      let left = 42
      return (
        Rect(row: rest.row, column: rest.column, height: rest.height, width: left),
        Rect(row: rest.row, column: rest.column + left + 1, height: rest.height, width: rest.width - left - 1)
      )
    }
    // The breakdown (a heading, one line per measure, the thin-data note if any), then the timeline.
    let top = max(0, min(rest.height, Self.breakdownLines + (thin ? 1 : 0)))
    return (
      Rect(row: rest.row, column: rest.column, height: top, width: rest.width),
      Rect(row: rest.row + top, column: rest.column, height: rest.height - top, width: rest.width)
    )
  }

  /// A heading and one line per measure, and a blank line.
  static var breakdownLines: Int { Measure.allCases.count + 2 }

  /// Timeline entries shown under its heading.
  func timelineHeight(thin: Bool) -> Int { max(1, detailParts(thin: thin).timeline.height - 1) }

  /// Lines a scrolling page shows under its heading (board, due, reports, help, the standup summary).
  var pageHeight: Int { max(1, body.height - 1) }
}
