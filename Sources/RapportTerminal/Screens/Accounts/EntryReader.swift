import RapportDomain
import RapportText

/// A timeline entry read whole (Enter on the timeline), in the detail's place: every field as the
/// journal names it, its text wrapped, who recorded it and when, and its amendments or retraction. The
/// page scrolls; Esc goes back to the timeline.
enum EntryReader {
  /// Lines of the page under its heading.
  static func height(_ env: ScreenEnvironment) -> Int { max(1, env.layout.detail.height - 1) }

  static func draw(_ reading: EntryReading, _ env: ScreenEnvironment, into canvas: inout Canvas) {
    let rect = env.layout.detail
    guard rect.height > 0 else { return }
    let heading: Line = [
      Segment("Entry #\(reading.seq)", .selected),
      Segment("  " + (env.projection.row(of: reading.slug)?.account.name ?? reading.slug), .title),
      Segment("  (Esc back, j/k scroll)", .dim),
    ]
    canvas.fill(row: rect.row, column: rect.column, height: rect.height, width: rect.width, style: env.theme[.normal])
    Page.draw(
      heading: heading, lines: lines(reading, env, width: rect.width), scroll: reading.page.scroll, in: rect,
      theme: env.theme, into: &canvas)
  }

  /// The page's lines at `width` columns.
  static func lines(_ reading: EntryReading, _ env: ScreenEnvironment, width: Int) -> [Line] {
    guard let detail = env.book.entryDetail(seq: reading.seq, of: reading.slug) else {
      return [[Segment("entry #\(reading.seq) is no longer in \(reading.slug)'s timeline", .dim)]]
    }
    let entry = detail.entry
    var lines: [Line] = [
      [
        Segment(entry.day.description, .dim), Segment("  "), Segment(entry.kind, .key),
        Segment(entry.isRetracted ? "  RETRACTED" : "", .alert),
      ]
    ]
    var recorded = "recorded by \(detail.recordedBy)"
    if detail.recordedAt.milliseconds > 0 {
      recorded += " on \(Day.local(detail.recordedAt)) at \(LocalTime.clock(of: detail.recordedAt))"
    }
    lines.append([Segment(recorded, .dim)])
    lines.append([])
    let fields = detail.fields.isEmpty ? [EntryDetail.Field(name: "what", value: entry.title)] : detail.fields
    let nameWidth = min(14, (fields.map { TerminalText.width(of: $0.name) }.max() ?? 0) + 2)
    lines += field(fields, nameWidth: nameWidth, width: width)
    if !detail.amendments.isEmpty || detail.retraction != nil { lines.append([]) }
    if !detail.amendments.isEmpty {
      let seqs = detail.amendments.map { "#\($0)" }.joined(separator: ", ")
      lines += labelled("amended", "by \(seqs) (the fields above are as amended)", nameWidth, width, .normal)
    }
    if let retraction = detail.retraction {
      let reason = retraction.reason.map { ": \($0)" } ?? ""
      lines += labelled("retracted", "by \(retraction.by) (#\(retraction.seq))\(reason)", nameWidth, width, .alert)
    }
    return lines
  }

  private static func field(_ fields: [EntryDetail.Field], nameWidth: Int, width: Int) -> [Line] {
    fields.flatMap { labelled($0.name, $0.value, nameWidth, width, .normal) }
  }

  /// `name` in its column, then `value` wrapped in the rest of the width.
  private static func labelled(_ name: String, _ value: String, _ nameWidth: Int, _ width: Int, _ role: Role) -> [Line]
  {
    // Line by line of the value, each sanitised and wrapped by words.
    let wrapped = value.split(separator: "\n", omittingEmptySubsequences: false).flatMap { part -> [String] in
      let lines = TextWrap.words(TerminalText.sanitised(String(part)), width: max(10, width - nameWidth))
      return lines.isEmpty ? [""] : lines
    }
    return wrapped.enumerated().map { index, text in
      Cells.fitted(index == 0 ? name : "", nameWidth, .key) + [Segment(text, role)]
    }
  }
}
