import RapportJournal

/// One calendar month, quarter (January–March, April–June, …) or year.
public struct ReportPeriod: Sendable, Hashable, CustomStringConvertible {
  public let kind: PeriodKind
  public let year: Int
  /// The month (1–12) or quarter (1–4) within `year`; 1 for a year.
  public let index: Int

  public init(containing day: Day, kind: PeriodKind) {
    let (year, month, _) = day.components
    self.kind = kind
    self.year = year
    switch kind {
    case .month: index = month
    case .quarter: index = (month - 1) / 3 + 1
    case .year: index = 1
    }
  }

  private init(kind: PeriodKind, year: Int, index: Int) {
    self.kind = kind
    self.year = year
    self.index = index
  }

  /// The month the period begins in, and how many months it lasts.
  private var months: (first: Int, count: Int) {
    switch kind {
    case .month: return (index, 1)
    case .quarter: return ((index - 1) * 3 + 1, 3)
    case .year: return (1, 12)
    }
  }

  /// Its first day.
  public var first: Day {
    Day(number: CivilCalendar.dayNumber(year: year, month: months.first, day: 1))
  }

  /// Its last day.
  public var last: Day {
    let month = months.first + months.count - 1
    return Day(
      number: CivilCalendar.dayNumber(
        year: year, month: month, day: CivilCalendar.daysInMonth(year: year, month: month)))
  }

  /// The period just before this one.
  public var previous: ReportPeriod { ReportPeriod(containing: first.adding(days: -1), kind: kind) }

  /// `2026-11`, `2026-Q4` or `2026`.
  public var label: String {
    let yearText = String(year)
    switch kind {
    case .month: return yearText + "-" + (index < 10 ? "0" : "") + String(index)
    case .quarter: return yearText + "-Q" + String(index)
    case .year: return yearText
    }
  }

  public var description: String { label }

  /// The last `count` periods of `kind`, oldest first, ending with the one containing `day`.
  public static func last(_ count: Int, of kind: PeriodKind, endingWith day: Day) -> [ReportPeriod] {
    guard count > 0 else { return [] }
    var periods = [ReportPeriod(containing: day, kind: kind)]
    while periods.count < count { periods.append(periods[periods.count - 1].previous) }
    return periods.reversed()
  }
}
