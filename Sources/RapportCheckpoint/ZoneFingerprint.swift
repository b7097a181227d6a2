import Glibc
import RapportDomain

/// The process's time zone, as the fold sees it: local days of recorded moments depend on it, so a
/// checkpoint built under one zone is refused under another. A hash of `TZ` and of the UTC offsets at
/// two moments of every year from 1970 to 2069 (so a changed zone file counts too).
enum ZoneFingerprint {
  static func current() -> UInt64 {
    var writer = BinaryWriter(capacity: 1024)
    writer.optionalText(getenv("TZ").map { String(cString: $0) })
    for year in 0..<100 {
      for month in [0, 6] {
        var seconds = time_t(Int64(year) * 31_556_952 + Int64(month) * 2_629_746 + 14 * 86_400)
        var parts = tm()
        if localtime_r(&seconds, &parts) != nil { writer.signed(Int64(parts.tm_gmtoff)) } else { writer.byte(0) }
      }
    }
    return Checksum.xxh64(writer.bytes)
  }
}
