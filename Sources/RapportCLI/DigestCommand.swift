import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal

/// `--format` of `rapport digest`.
enum DigestFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
  case mail, markdown
}

/// `rapport digest`: one message per person with something to act on, printed or sent with sendmail.
struct DigestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digest",
    abstract: "Mail each owner and manager what to act on: plays due, accounts red or falling, renewals.",
    discussion: """
      One message per person with something to act on, none for the others: their plays overdue or due \
      in the next 7 days, their accounts that are red or fell since last week, their renewals inside the \
      renewal window (90 days by default) or overdue; each with its reason and the command or dashboard key that \
      closes it. A manager's message covers the accounts they manage (marked with the owner); admins \
      also hear of accounts with no owner. Addresses come from the members (`rapport member add NAME \
      --email ADDRESS`), else from [digest.addresses] in config.toml. Without --send, the messages are \
      printed as an mbox (what `mutt -f` reads); a person with no address is named on stderr and skipped. \
      --send pipes each message to `SENDMAIL -t -i` (--sendmail, else [digest] sendmail, else \
      /usr/sbin/sendmail) and exits 74 after trying everyone when any could not be sent (no address, or \
      sendmail failed). --format markdown prints the whole digest as one text for a chat channel.
      """)
  @OptionGroup var globals: GlobalOptions
  @Flag(help: "Print the messages (an mbox on stdout) instead of sending them: the default.") var dryRun = false
  @Flag(help: "Send each message with `SENDMAIL -t -i`.") var send = false
  @Option(
    help: ArgumentHelp(
      "The sendmail program (default: [digest] sendmail in config.toml, else /usr/sbin/sendmail).", valueName: "path"),
    completion: .file())
  var sendmail: String?
  @Option(help: "mail (one message per person) or markdown (one document for everyone).")
  var format: DigestFormat = .mail
  @Option(
    help: ArgumentHelp(
      "The sender (default: [digest] from in config.toml, else rapport@HOSTNAME).", valueName: "address"))
  var from: String?

  func validate() throws {
    if dryRun, send { throw ValidationError("--dry-run prints the messages and --send sends them: give one") }
    if format == .markdown, send {
      throw ValidationError("--format markdown prints one document for a chat channel; --send mails --format mail")
    }
    if sendmail != nil, !send { throw ValidationError("--sendmail goes with --send") }
    if let sendmail, sendmail.isEmpty { throw ValidationError("--sendmail needs a program's path") }
  }

  func run() throws {
    try Session.run(globals) { session in
      let config: DigestConfig
      do throws(DigestConfig.Problem) {
        config = try DigestConfig.load()
      } catch {
        Output.error(error.description)
        throw ExitCode(64)
      }
      let sender = try self.sender(config)
      let desk = try session.openDesk()
      let digest = Digest(book: desk.book, today: session.today)
      if format == .markdown {
        Output.text(DigestText.markdown(digest))
        return desk
      }
      let mail = DigestMail(from: sender, host: Self.hostname, now: Int(time(nil)))
      var unsent: [String] = []
      for (number, recipient) in digest.recipients.enumerated() {
        guard let address = Self.address(of: recipient, config: config) else {
          Output.warning(
            "no address for \(recipient.name): their digest is not \(send ? "sent" : "printed") (add one with "
              + "`rapport member add \(recipient.name) --login LOGIN --role ROLE --email ADDRESS`, or under "
              + "[digest.addresses] in config.toml)")
          unsent.append(recipient.name)
          continue
        }
        let message = mail.message(for: recipient, to: address, today: session.today, number: number + 1)
        guard send else {
          Output.text(String(decoding: mail.mboxEntry(message), as: UTF8.self))
          continue
        }
        let program = sendmail ?? config.sendmail ?? Sendmail.defaultPath
        if let failure = Sendmail.send(message, with: program) {
          Output.error("digest for \(recipient.name) <\(address.address)> not sent: \(failure)")
          unsent.append(recipient.name)
        } else {
          Output.note("digest for \(recipient.name) sent to \(address.address)")
        }
      }
      if digest.recipients.isEmpty { Output.note("nothing to act on for anyone on \(session.today): no digest") }
      if send, !unsent.isEmpty {
        Output.error("\(counted(unsent.count, "digest")) not sent: \(unsent.joined(separator: ", "))")
        throw ExitCode(74)
      }
      return desk
    }
  }

  /// --from, else the config's, else rapport@HOSTNAME.
  private func sender(_ config: DigestConfig) throws -> MailAddress {
    if let from {
      guard let address = MailAddress(parsing: from) else {
        throw DomainError.invalidValue(field: "--from", value: from, expected: EmailAddress.expected)
      }
      return address
    }
    if let configured = config.from { return configured }
    let address = "rapport@" + Self.hostname
    guard EmailAddress.isValid(address) else {
      throw DomainError.invalidValue(
        field: "the host name", value: Self.hostname, expected: "a host name to send from: give --from ADDRESS")
    }
    return MailAddress(name: "Rapport", address: address)
  }

  /// The member's address (shown with their name), else the config's.
  private static func address(of recipient: Digest.Recipient, config: DigestConfig) -> MailAddress? {
    if let email = recipient.email { return MailAddress(name: recipient.name, address: email) }
    return config.addresses[recipient.name]
  }

  private static var hostname: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
