import Glibc
import RapportJournal

/// The process's local time zone (TZ), for turning moments into the user's calendar days.
public enum LocalTime {
  /// "14:05", the local clock time of `time`.
  public static func clock(of time: Timestamp) -> String {
    var seconds = time_t(time.milliseconds / 1000)
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return "--:--" }
    let hour = Int(parts.tm_hour)
    let minute = Int(parts.tm_min)
    return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
  }

  static func day(of time: Timestamp) -> Int {
    var seconds = time_t(time.milliseconds / 1000)
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return time.utcDay }
    return CivilCalendar.dayNumber(
      year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
  }
}
