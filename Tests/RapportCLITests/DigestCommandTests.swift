import Foundation
import Glibc
import RapportJournal
import XCTest

/// `rapport digest` driven as a user (or cron) would: the messages printed as an mbox and read back by
/// Python's `email` package, sent through a stand-in sendmail that records what it was given, a
/// sendmail that fails for one person, the Markdown document, addresses from members and from the
/// config file, and untrusted names that try to add headers.
final class DigestCommandTests: RapportCLITestCase {
  /// zoe owns Café Müller GmbH (tier 1, never touched, renewing in 30 days) and manages bob's acme; cy
  /// owns one calm account (nothing to act on); an account with no owner, named to inject a header,
  /// goes to alice, the admin. zoe has no address among the members: config.toml gives one.
  private func teamBook() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let login = Journal.processLogin
    try sandbox.succeed(["member", "add", "alice", "--login", login, "--role", "admin", "--email", "alice@example.com"])
    try sandbox.succeed(["member", "add", "zoe", "--login", "zoe", "--role", "member"])
    try sandbox.succeed(["member", "add", "bob", "--login", "bob", "--role", "member", "--email", "bob@example.com"])
    try sandbox.succeed(["member", "add", "cy", "--login", "cy", "--role", "member", "--email", "cy@example.com"])
    let signed = ["--stage", "growth", "--signed", "2025-01-06"]
    try sandbox.succeed(
      [
        "account", "add", "cafe", "--name", "Café Müller GmbH", "--tier", "1", "--owner", "zoe", "--renewal",
        "2026-12-23",
      ]
        + signed)
    try sandbox.succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "2", "--owner", "bob", "--manager", "zoe"]
        + ["--renewal", "2027-06-01"] + signed)
    try sandbox.succeed(
      ["account", "add", "calm", "--name", "Calm Co", "--tier", "3", "--owner", "cy", "--renewal", "2027-06-01"]
        + signed)
    try sandbox.succeed(["touch", "calm", "--kind", "semiannual-review", "--summary", "Half-year review"])
    try sandbox.succeed(["nps", "calm", "8", "--contact", "Kim"])
    try sandbox.succeed(["account", "add", "orphan", "--name", "Evil Corp\r\nBcc: victim@example.com", "--tier", "3"])
    try writeConfig(
      """
      theme = "dark"

      [digest]
      from = "Rapport <rapport@example.com>"

      [digest.addresses]
      zoe = "Zoë Martin <zoe@example.com>"
      """, in: sandbox)
    return sandbox
  }

  private func writeConfig(_ text: String, in sandbox: RapportSandbox) throws {
    try FileManager.default.createDirectory(atPath: sandbox.path(".config/rapport"), withIntermediateDirectories: true)
    try text.write(toFile: sandbox.path(".config/rapport/config.toml"), atomically: true, encoding: .utf8)
  }

  // MARK: Reading messages with Python's email package

  /// Each message parsed by `email.parser.BytesParser(policy=email.policy.default)`.
  private struct Parsed {
    var fields: [String: Any]
    var to: String { fields["to"] as? String ?? "" }
    var toAddresses: [String] { fields["to_addresses"] as? [String] ?? [] }
    var toNames: [String] { fields["to_names"] as? [String] ?? [] }
    var from: String { fields["from"] as? String ?? "" }
    var subject: String { fields["subject"] as? String ?? "" }
    var rawSubject: String { fields["raw_subject"] as? String ?? "" }
    var body: String { fields["body"] as? String ?? "" }
    var headers: [String] { fields["headers"] as? [String] ?? [] }
    var defects: [String] { fields["defects"] as? [String] ?? [] }
    func string(_ key: String) -> String? { fields[key] as? String }
    func int(_ key: String) -> Int { fields[key] as? Int ?? -1 }
    func bool(_ key: String) -> Bool { fields[key] as? Bool ?? false }
  }

  private static let parser = #"""
    import json, mailbox, sys
    from email import policy
    from email.parser import BytesParser

    def describe(raw):
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        unix = raw.replace(b"\r\n", b"\n")
        head = unix.split(b"\n\n", 1)[0]
        raw_subject = b""
        for line in head.split(b"\n"):
            if line.startswith(b"Subject:"):
                raw_subject = line
        defects = [str(d) for d in msg.defects]
        for name, value in msg.items():
            defects += [str(d) for d in getattr(value, "defects", [])]
        return {
            "from": str(msg["From"]), "to": str(msg["To"]),
            "to_addresses": [a.addr_spec for a in msg["To"].addresses],
            "to_names": [a.display_name for a in msg["To"].addresses],
            "subject": str(msg["Subject"]), "raw_subject": raw_subject.decode("ascii", "replace"),
            "headers": list(msg.keys()), "mime": msg["MIME-Version"],
            "content_type": msg.get_content_type(), "charset": msg.get_content_charset(),
            "cte": msg["Content-Transfer-Encoding"], "message_id": str(msg["Message-ID"]),
            "has_date": msg["Date"] is not None and msg["Date"].datetime is not None,
            "body": msg.get_content(), "defects": defects,
            "longest_line": max(len(line) for line in unix.split(b"\n")),
            "longest_header_line": max(len(line) for line in head.split(b"\n")),
            "ascii_head": all(byte < 128 for byte in head),
            "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        }

    if sys.argv[1] == "mbox":
        box = mailbox.mbox(sys.argv[2], create=False)
        print(json.dumps([describe(box.get_bytes(key)) for key in box.keys()]))
    else:
        print(json.dumps([describe(open(path, "rb").read()) for path in sys.argv[2:]]))
    """#

  /// Runs the parser on an mbox's bytes or on message files.
  private func parse(mbox bytes: [UInt8]? = nil, files: [String] = [], in sandbox: RapportSandbox) throws -> [Parsed] {
    let script = sandbox.path("parse-mail.py")
    try Self.parser.write(toFile: script, atomically: true, encoding: .utf8)
    var arguments = [script]
    if let bytes {
      let mbox = sandbox.path("digest.mbox")
      try sandbox.write(bytes, to: mbox)
      arguments += ["mbox", mbox]
    } else {
      arguments += ["files"] + files
    }
    let result = try sandbox.runTool("/usr/bin/python3", arguments)
    XCTAssertEqual(result.status, 0, result.summary)
    let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [[String: Any]])
    return list.map(Parsed.init)
  }

  private func message(to address: String, in messages: [Parsed], file: StaticString = #filePath, line: UInt = #line)
    throws -> Parsed
  {
    try XCTUnwrap(
      messages.first { $0.toAddresses == [address] }, "no message to \(address): \(messages.map(\.to))", file: file,
      line: line)
  }

  // MARK: A stand-in sendmail

  /// A sendmail that records each run's arguments (one per line) and standard input as `sent/N.args` and
  /// `sent/N.msg`, and fails (exit 75, a word on stderr) for a message to `failFor`.
  private func fakeSendmail(in sandbox: RapportSandbox, failFor: String? = nil) throws -> String {
    let path = sandbox.path("fake-sendmail")
    let fail =
      failFor.map { "if grep -q '^To: .*\($0)' \"$dir/$n.msg\"; then echo 'mailbox full' >&2; exit 75; fi\n" } ?? ""
    let script = """
      #!/bin/sh
      dir='\(sandbox.path("sent"))'
      mkdir -p "$dir"
      n=$(ls "$dir" | grep -c 'msg$')
      printf '%s\\n' "$@" > "$dir/$n.args"
      cat > "$dir/$n.msg"
      \(fail)exit 0

      """
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  /// What the stand-in was given, run by run: its arguments and the message's path.
  private func sent(in sandbox: RapportSandbox) throws -> [(arguments: [String], message: String)] {
    let directory = sandbox.path("sent")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let count = names.filter { $0.hasSuffix(".msg") }.count
    return try (0..<count).map { number in
      let arguments = try String(contentsOfFile: "\(directory)/\(number).args", encoding: .utf8)
      return (arguments.split(separator: "\n").map(String.init), "\(directory)/\(number).msg")
    }
  }

  // MARK: Tests

  func testDryRunPrintsOneMessagePerPersonWithSomethingToActOn() throws {
    let sandbox = try teamBook()
    let result = try sandbox.succeed(["digest"])
    XCTAssertEqual(result.stderr, "", "everyone has an address")
    XCTAssertTrue(result.stdout.hasPrefix("From rapport@example.com "), result.summary)
    let messages = try parse(mbox: result.stdoutBytes, in: sandbox)
    // cy's one account is calm: no message for cy.
    XCTAssertEqual(
      Set(messages.flatMap(\.toAddresses)), ["alice@example.com", "bob@example.com", "zoe@example.com"],
      messages.map(\.to).description)
    XCTAssertEqual(messages.count, 3)
    for message in messages {
      XCTAssertEqual(message.defects, [], message.to)
      XCTAssertEqual(message.from, "Rapport <rapport@example.com>")
      XCTAssertEqual(message.string("mime"), "1.0")
      XCTAssertEqual(message.string("content_type"), "text/plain")
      XCTAssertEqual(message.string("charset"), "utf-8")
      XCTAssertEqual(message.string("cte"), "8bit")
      XCTAssertTrue(message.bool("has_date"), message.to)
      XCTAssertTrue(message.string("message_id")?.hasSuffix(">") ?? false)
      XCTAssertTrue(message.bool("ascii_head"), "headers are ASCII: \(message.headers)")
      XCTAssertLessThanOrEqual(message.int("longest_header_line"), 78)
      XCTAssertLessThanOrEqual(message.int("longest_line"), 998)
      XCTAssertTrue(message.subject.hasPrefix("Rapport digest 2026-11-23: "), message.subject)
    }
    XCTAssertEqual(Set(messages.map { $0.string("message_id") }).count, 3, "one Message-ID each")

    let zoe = try message(to: "zoe@example.com", in: messages)
    XCTAssertEqual(zoe.toNames, ["Zoë Martin"])
    XCTAssertEqual(zoe.to, "Zoë Martin <zoe@example.com>")
    XCTAssertTrue(zoe.subject.contains("overdue"), zoe.subject)
    XCTAssertTrue(zoe.subject.hasSuffix("(Café Müller GmbH first)"), zoe.subject)
    XCTAssertTrue(zoe.rawSubject.contains("=?utf-8?b?"), "encoded per RFC 2047: \(zoe.rawSubject)")
    let body = zoe.body
    XCTAssertTrue(body.hasPrefix("Rapport digest for zoe, Monday 2026-11-23"), body)
    XCTAssertTrue(body.contains("\n* Café Müller GmbH (cafe)\n  check-in (tier 1, every 7 days): "), body)
    XCTAssertTrue(body.contains("  close it: rapport touch cafe --kind check-in --closes checkin --summary \"...\""))
    XCTAssertTrue(body.contains("  dashboard: d, then Enter on the play"))
    // Managed: bob's acme, marked.
    XCTAssertTrue(body.contains("* Acme (acme), owner bob, you manage it"), body)
    XCTAssertTrue(body.contains("ACCOUNTS RED OR WORSE SINCE LAST WEEK"), body)
    XCTAssertTrue(body.contains("  see why: rapport why cafe"))
    XCTAssertTrue(body.contains("  renews on 2026-12-23 (in 30 days); health red: renewal at risk"), body)
    XCTAssertTrue(body.contains("  record its outcome: rapport renewal cafe renewed|expanded|downsized|churned"))
    XCTAssertFalse(body.contains("Evil Corp"), "unowned accounts go to the admins")

    let bob = try message(to: "bob@example.com", in: messages)
    XCTAssertEqual(bob.to, "bob <bob@example.com>", "the member's name and address")
    XCTAssertTrue(bob.body.contains("* Acme (acme)\n"), bob.body)
    XCTAssertFalse(bob.body.contains("Café"), bob.body)
  }

  func testHeaderInjectionThroughAnAccountNameIsNeutralised() throws {
    let sandbox = try teamBook()
    let messages = try parse(mbox: try sandbox.succeed(["digest"]).stdoutBytes, in: sandbox)
    let alice = try message(to: "alice@example.com", in: messages)
    XCTAssertEqual(
      alice.headers,
      [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
        "Auto-Submitted",
      ])
    XCTAssertEqual(alice.toAddresses, ["alice@example.com"])
    XCTAssertFalse(messages.contains { $0.headers.contains("Bcc") })
    XCTAssertTrue(alice.subject.contains("Evil Corp Bcc: victim@example.com"), "one line: \(alice.subject)")
    XCTAssertTrue(alice.body.contains("* Evil Corp Bcc: victim@example.com (orphan)\n"), alice.body)
    XCTAssertTrue(alice.body.contains("  assign one: rapport owner orphan USER"), alice.body)
    // Names and addresses of members cannot carry a line break at all.
    let name = try sandbox.run(["member", "add", "eve\r\nBcc: victim@example.com", "--login", "eve"])
    XCTAssertEqual(name.status, 65, name.summary)
    let address = try sandbox.run([
      "member", "add", "eve", "--login", "eve", "--email", "eve@example.com\r\nBcc: x@y.com",
    ])
    XCTAssertEqual(address.status, 65, address.summary)
    XCTAssertTrue(address.stderr.contains("--email"), address.summary)
    XCTAssertTrue(address.stderr.contains("one address like name@example.com"), address.summary)
    for bad in ["eve@example.com, mallory@example.com", "Eve <eve@example.com>", "eve"] {
      let refused = try sandbox.run(["member", "add", "eve", "--login", "eve", "--email", bad])
      XCTAssertEqual(refused.status, 65, refused.summary)
    }
    XCTAssertFalse(try sandbox.succeed(["member", "list"]).stdout.contains("eve"), "nothing half-written")
  }

  func testSendPipesEachMessageToSendmailWithTheRecipientsInTheHeaders() throws {
    let sandbox = try teamBook()
    let sendmail = try fakeSendmail(in: sandbox)
    let result = try sandbox.run(["digest", "--send", "--sendmail", sendmail])
    XCTAssertEqual(result.status, 0, result.summary)
    XCTAssertEqual(result.stdout, "")
    for (name, address) in [("alice", "alice"), ("bob", "bob"), ("zoe", "zoe")] {
      XCTAssertTrue(result.stderr.contains("digest for \(name) sent to \(address)@example.com"), result.summary)
    }
    let runs = try sent(in: sandbox)
    XCTAssertEqual(runs.count, 3, "one run per person")
    XCTAssertEqual(runs.map(\.arguments), Array(repeating: ["-t", "-i"], count: 3), "no address on the command line")
    let messages = try parse(files: runs.map(\.message), in: sandbox)
    XCTAssertEqual(Set(messages.flatMap(\.toAddresses)), ["alice@example.com", "bob@example.com", "zoe@example.com"])
    for message in messages {
      XCTAssertTrue(message.bool("crlf_only"), "CRLF line ends: \(message.to)")
      XCTAssertEqual(message.defects, [])
    }
    XCTAssertTrue(try message(to: "zoe@example.com", in: messages).body.contains("Café Müller GmbH (cafe)"))

    // The config's sendmail, when --sendmail is not given.
    try writeConfig(
      """
      [digest]
      sendmail = "\(sendmail)"
      [digest.addresses]
      zoe = "zoe@example.com"
      """, in: sandbox)
    try FileManager.default.removeItem(atPath: sandbox.path("sent"))
    XCTAssertEqual(try sandbox.run(["digest", "--send"]).status, 0)
    XCTAssertEqual(try sent(in: sandbox).count, 3)
  }

  func testAFailingSendmailIsNamedAndTheOthersAreStillSent() throws {
    let sandbox = try teamBook()
    let sendmail = try fakeSendmail(in: sandbox, failFor: "bob@example.com")
    let result = try sandbox.run(["digest", "--send", "--sendmail", sendmail])
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertTrue(
      result.stderr.contains(
        "rapport: error: digest for bob <bob@example.com> not sent: \(sendmail) exited with status 75"),
      result.summary)
    XCTAssertTrue(result.stderr.contains("mailbox full"), "sendmail's own words reach the user: \(result.summary)")
    XCTAssertTrue(result.stderr.contains("rapport: error: 1 digest not sent: bob"), result.summary)
    // bob comes between alice and zoe: zoe's was still sent after bob's failed.
    XCTAssertTrue(result.stderr.contains("digest for zoe sent to zoe@example.com"), result.summary)
    let messages = try parse(files: try sent(in: sandbox).map(\.message), in: sandbox)
    XCTAssertEqual(messages.flatMap(\.toAddresses), ["alice@example.com", "bob@example.com", "zoe@example.com"])

    // A sendmail that cannot run at all: everyone named, exit 74.
    let missing = try sandbox.run(["digest", "--send", "--sendmail", sandbox.path("no-such-sendmail")])
    XCTAssertEqual(missing.status, 74, missing.summary)
    XCTAssertTrue(missing.stderr.contains("could not run \(sandbox.path("no-such-sendmail"))"), missing.summary)
    XCTAssertTrue(missing.stderr.contains("3 digests not sent: alice, bob, zoe"), missing.summary)
    let notExecutable = sandbox.path("not-executable")
    try "#!/bin/sh\nexit 0\n".write(toFile: notExecutable, atomically: true, encoding: .utf8)
    chmod(notExecutable, 0o644)
    let refused = try sandbox.run(["digest", "--send", "--sendmail", notExecutable])
    XCTAssertEqual(refused.status, 74, refused.summary)
    XCTAssertTrue(refused.stderr.contains("Permission denied"), refused.summary)
  }

  func testAPersonWithoutAnAddressIsNamedAndSkipped() throws {
    let sandbox = try teamBook()
    try writeConfig("[digest]\nfrom = \"rapport@example.com\"\n", in: sandbox)
    let dryRun = try sandbox.run(["digest"])
    XCTAssertEqual(dryRun.status, 0, dryRun.summary)
    XCTAssertTrue(
      dryRun.stderr.contains("rapport: warning: no address for zoe: their digest is not printed"), dryRun.summary)
    XCTAssertEqual(
      Set(try parse(mbox: dryRun.stdoutBytes, in: sandbox).flatMap(\.toAddresses)),
      ["alice@example.com", "bob@example.com"])

    let sendmail = try fakeSendmail(in: sandbox)
    let send = try sandbox.run(["digest", "--send", "--sendmail", sendmail])
    XCTAssertEqual(send.status, 74, send.summary)
    XCTAssertTrue(send.stderr.contains("no address for zoe: their digest is not sent"), send.summary)
    XCTAssertTrue(send.stderr.contains("1 digest not sent: zoe"), send.summary)
    XCTAssertEqual(try sent(in: sandbox).count, 2, "the others were sent")

    // The member's address, once given, is used; and it is listed.
    try sandbox.succeed(["member", "add", "zoe", "--login", "zoe", "--role", "member", "--email", "zoe@example.com"])
    XCTAssertTrue(try sandbox.succeed(["member", "list"]).stdout.contains("zoe  member  zoe  zoe@example.com\n"))
    let json = try sandbox.succeed(["member", "list", "--format", "json"]).stdout
    XCTAssertTrue(json.contains(#"{"name":"zoe","role":"member","logins":["zoe"],"email":"zoe@example.com"}"#), json)
    XCTAssertTrue(json.contains(#""email":null"#) == false, "every member has an address now: \(json)")
    let messages = try parse(mbox: try sandbox.succeed(["digest"]).stdoutBytes, in: sandbox)
    XCTAssertEqual(try message(to: "zoe@example.com", in: messages).to, "zoe <zoe@example.com>")
  }

  func testMarkdownIsOneDocumentForEveryone() throws {
    let sandbox = try teamBook()
    let result = try sandbox.succeed(["digest", "--format", "markdown"])
    let text = result.stdout
    XCTAssertTrue(text.hasPrefix("# Rapport digest, Monday 2026-11-23\n\n## No owner\n\n"), text)
    XCTAssertTrue(
      text.contains(
        "- **Evil Corp Bcc: victim@example.com** (`orphan`): no owner (tier 3, health "), text)
    for heading in ["## bob", "## zoe"] { XCTAssertTrue(text.contains("\n\(heading)\n"), heading) }
    XCTAssertFalse(text.contains("## cy"), "nothing for cy")
    XCTAssertFalse(text.contains("## alice"), "alice's only item, the account with no owner, is said once, above")
    XCTAssertFalse(text.contains("\r"))
    XCTAssertTrue(text.contains("- **Café Müller GmbH** (`cafe`): check-in (tier 1, every 7 days): "), text)
    XCTAssertTrue(
      text.contains(
        "Close it: `rapport touch cafe --kind check-in --closes checkin --summary \"...\"` (dashboard: d, then Enter on the play)"
      ),
      text)
    XCTAssertTrue(text.contains("- **Acme** (`acme`), owner bob, managed by zoe: "), text)
    // The unowned account once, not again under alice.
    XCTAssertEqual(text.components(separatedBy: "(`orphan`)").count, 2, text)
  }

  func testBadOptionsAndConfigAreRefused() throws {
    let sandbox = try teamBook()
    for (arguments, message) in [
      (["--send", "--format", "markdown"], "--format markdown prints one document"),
      (["--sendmail", "/bin/true"], "--sendmail goes with --send"),
      (["--dry-run", "--send"], "give one"),
    ] {
      let result = try sandbox.run(["digest"] + arguments)
      XCTAssertEqual(result.status, 64, result.summary)
      XCTAssertTrue(result.stderr.contains(message), result.summary)
    }
    let from = try sandbox.run(["digest", "--from", "Rapport <not an address>"])
    XCTAssertEqual(from.status, 65, from.summary)
    XCTAssertTrue(from.stderr.contains("--from"), from.summary)
    XCTAssertEqual(from.stdout, "")

    try writeConfig("theme = \"dark\"\n[digest]\nsendmial = \"/usr/sbin/sendmail\"\n", in: sandbox)
    let typo = try sandbox.run(["digest"])
    XCTAssertEqual(typo.status, 64, typo.summary)
    XCTAssertTrue(
      typo.stderr.contains(
        "\(sandbox.path(".config/rapport/config.toml")):3: [digest] sendmial: unknown setting (known: sendmail, from, addresses)"
      ),
      typo.summary)
    try writeConfig("[digest.addresses]\nzoe = \"Zoë <zoe@example.com>, eve@example.com\"\n", in: sandbox)
    let two = try sandbox.run(["digest"])
    XCTAssertEqual(two.status, 64, two.summary)
    XCTAssertTrue(two.stderr.contains(":2: [digest.addresses] zoe: must be one address"), two.summary)
  }
}
