import Glibc
import RapportDomain

/// One person's digest as an RFC 5322 message: UTF-8 plain text, 8bit (lines wrapped well under 998
/// bytes), CRLF line ends, non-ASCII header text as RFC 2047 encoded-words. `Date` and `Message-ID`
/// come from the clock; every other byte is the same for the same journal and today.
struct DigestMail {
  var from: MailAddress
  /// The host named in Message-IDs.
  var host: String
  /// Seconds since the epoch: the messages' `Date`.
  var now: Int
  /// Makes Message-IDs unique across runs (with the time and the process id).
  var nonce: UInt64

  init(from: MailAddress, host: String, now: Int, nonce: UInt64 = UInt64.random(in: 0...UInt64.max)) {
    self.from = from
    self.host = EmailAddress.isValid("x@" + host) ? host : "localhost"
    self.now = now
    self.nonce = nonce
  }

  /// The message for `recipient`, sent to `to`; `number` tells the run's messages apart.
  func message(for recipient: Digest.Recipient, to: MailAddress, today: Day, number: Int) -> [UInt8] {
    let subject = DigestText.subject(recipient, today: today)
    let id = "<rapport-digest.\(now).\(getpid()).\(String(nonce, radix: 36)).\(number)@\(host)>"
    let headers = [
      "From: " + from.header(after: "From: "),
      "To: " + to.header(after: "To: "),
      "Subject: " + MailHeader.unstructured(subject, after: "Subject: "),
      "Date: " + MailHeader.date(now),
      "Message-ID: " + id,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      // RFC 3834: no vacation replies to a robot.
      "Auto-Submitted: auto-generated",
    ]
    let body = DigestText.body(recipient, today: today)
    return Array((headers + [""] + body).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
  }

  /// `message` as one entry of an mbox (mboxrd): a `From ` line, the message with LF line ends and
  /// its lines that start with `>*From ` quoted with one more `>`, then an empty line.
  func mboxEntry(_ message: [UInt8]) -> [UInt8] {
    var out = Array("From \(from.address) \(Self.asctime(now))\n".utf8)
    let text = String(decoding: message, as: UTF8.self)
    var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    for line in lines {
      if line.drop(while: { $0 == ">" }).hasPrefix("From ") { out.append(UInt8(ascii: ">")) }
      out += Array(line.utf8) + [0x0A]
    }
    out.append(0x0A)
    return out
  }

  /// `Mon Nov 16 08:30:00 2026`, in local time (the mbox `From ` line's date).
  private static func asctime(_ seconds: Int) -> String {
    var time = time_t(seconds)
    var parts = tm()
    localtime_r(&time, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let two = { (value: Int32) in value < 10 ? "0\(value)" : String(value) }
    let day = parts.tm_mday < 10 ? " \(parts.tm_mday)" : String(parts.tm_mday)
    return "\(days[Int(parts.tm_wday)]) \(months[Int(parts.tm_mon)]) \(day) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(1900 + parts.tm_year)"
  }
}
