import Glibc
import RapportJournal

/// The process's local time zone (TZ), for turning moments into the user's calendar days.
enum LocalTime {
  static func day(of time: Timestamp) -> Int {
    var seconds = time_t(time.milliseconds / 1000)
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return time.utcDay }
    return CivilCalendar.dayNumber(
      year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
  }
}
