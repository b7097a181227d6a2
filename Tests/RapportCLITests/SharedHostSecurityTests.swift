import Foundation
import XCTest

/// Issue 13: on a host shared by a group, one member must not be able to write in another's name, plant
/// a file for a colleague's next command to write through, lock the team out with one bad line, or
/// erase the evidence of a rewrite. Each test is one attack, made against the real binary.
final class SharedHostSecurityTests: RapportCLITestCase {
  /// The OS login of this test process (and so of every `rapport` it starts).
  private let login: String = {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid\(geteuid())" }
    return String(cString: name)
  }()

  private func lastLine(_ sandbox: RapportSandbox) throws -> JournalLine {
    try XCTUnwrap(try JournalFile.lines(try sandbox.journalBytes()).last)
  }

  private func touch(_ sandbox: RapportSandbox, as user: String? = nil, _ summary: String = "Call") throws
    -> RapportResult
  {
    var arguments = ["touch", "acme", "--kind", "call", "--summary", summary]
    if let user { arguments += ["--as", user] }
    return try sandbox.run(arguments)
  }

  // MARK: Who wrote it

  func testEveryRecordCarriesTheWritersLoginWhateverNameIsClaimed() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    XCTAssertEqual(try touch(sandbox, as: "ceo").status, 0)
    let line = try lastLine(sandbox)
    XCTAssertEqual(line.by, "ceo", "without members, any name may be used")
    XCTAssertEqual(line.object["login"] as? String, login, "but the OS login is recorded, whatever --as says")
    let first = try XCTUnwrap(try JournalFile.lines(try sandbox.journalBytes()).first)
    XCTAssertEqual(first.object["login"] as? String, login, "the creator's login too")
  }

  func testAMemberCannotWriteAsAnotherMember() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["member", "add", "bob", "--login", "bob-elsewhere"])
    let before = try sandbox.journalBytes()
    let result = try touch(sandbox, as: "bob")
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(result.stderr.contains("you are logged in as \(login)"), result.stderr)
    XCTAssertTrue(result.stderr.contains("bob's member entry does not list that login"), result.stderr)
    XCTAssertEqual(try sandbox.journalBytes(), before, "nothing written")
    let stranger = try touch(sandbox, as: "carol")
    XCTAssertEqual(stranger.status, 65, stranger.summary)
    XCTAssertTrue(stranger.stderr.contains("carol is not a member of this journal"), stranger.stderr)
    // An entry that lists this login too lets it act under that name.
    try sandbox.succeed(["member", "add", "bob", "--login", "bob-elsewhere", "--login", login])
    XCTAssertEqual(try touch(sandbox, as: "bob").status, 0)
    XCTAssertEqual(try lastLine(sandbox).by, "bob")
  }

  func testAViewerCannotWriteButReads() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["member", "add", "vic", "--login", login, "--role", "viewer"])
    let before = try sandbox.journalBytes()
    for arguments in [
      ["touch", "acme", "--kind", "call", "--summary", "x"], ["value", "acme", "Saved money"],
      ["account", "add", "beta", "--name", "Beta", "--tier", "2"],
    ] {
      let result = try sandbox.run(arguments + ["--as", "vic"])
      XCTAssertEqual(result.status, 65, "\(arguments): \(result.summary)")
      XCTAssertTrue(result.stderr.contains("vic is a viewer of this journal"), result.stderr)
    }
    XCTAssertEqual(try sandbox.journalBytes(), before)
    let board = try sandbox.run(["board", "--as", "vic"])
    XCTAssertEqual(board.status, 0, board.summary)
    XCTAssertTrue(board.stdout.contains("Acme"), board.stdout)
  }

  func testOnlyAnAdminAddsMembersChangesTheConfigOrReassignsAnotherOwnersAccount() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["owner", "acme", "alice"])
    try sandbox.succeed(["member", "add", "mia", "--login", login])
    let before = try sandbox.journalBytes()
    for arguments in [
      ["member", "add", "eve", "--login", login, "--role", "admin"], ["config", "set", "checkin.tier1", "20"],
      ["owner", "acme", "mia"], ["handoff", "acme", "--to", "mia"],
    ] {
      let result = try sandbox.run(arguments + ["--as", "mia"])
      XCTAssertEqual(result.status, 65, "\(arguments): \(result.summary)")
      XCTAssertTrue(result.stderr.contains("only an admin can"), result.stderr)
    }
    XCTAssertEqual(try sandbox.journalBytes(), before)
    // The account's owner may hand it on; the admin may reassign anything.
    try sandbox.succeed(["account", "add", "beta", "--name", "Beta", "--tier", "2", "--owner", "mia", "--as", "mia"])
    try sandbox.succeed(["handoff", "beta", "--to", "alice", "--as", "mia"])
    try sandbox.succeed(["owner", "acme", "mia"])
  }

  func testVerifyNamesRecordsAppendedByHandInAnothersName() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["member", "add", "bob", "--login", "bob"])
    let forgery = Forgery(sandbox: sandbox)
    try forgery.append(
      type: "touchpoint.logged", by: "bob", login: "mallory", account: "acme",
      data: ["kind": "call", "summary": "Forged", "date": "2026-11-23"])
    try forgery.append(
      type: "member.added", by: "bob", login: "bob",
      data: ["name": "mallory", "logins": ["mallory"], "role": "admin"])
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    let forged = lines.suffix(2)
    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 1, verify.summary)
    for line in forged {
      XCTAssertTrue(
        verify.stdout.contains("record \(line.seq ?? 0) at byte \(line.offset)"), "\(line.seq ?? 0): \(verify.stdout)")
    }
    XCTAssertTrue(verify.stdout.contains("written against the journal's members"), verify.stdout)
    let members = try sandbox.succeed(["member", "list"])
    XCTAssertFalse(members.stdout.contains("mallory"), "a forged membership change is not applied: \(members.stdout)")
  }

  func testReadOnlyRefusesEveryWriteCommand() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let before = try sandbox.journalBytes()
    for arguments in [
      ["touch", "acme", "--kind", "call", "--summary", "x"], ["value", "acme", "Saved money"],
      ["usage", "acme", "5"], ["owner", "acme", "bob"], ["member", "add", "bob", "--login", "bob"],
      ["config", "set", "checkin.tier1", "20"], ["account", "add", "beta", "--name", "Beta", "--tier", "2"],
    ] {
      let result = try sandbox.run(arguments + ["--read-only"])
      XCTAssertEqual(result.status, 65, "\(arguments): \(result.summary)")
      XCTAssertTrue(result.stderr.contains("--read-only is set"), result.stderr)
      let environment = try sandbox.start(
        executable: sandbox.binary, arguments, environment: ["RAPPORT_READ_ONLY": "1"]
      ).finish()
      XCTAssertEqual(environment.status, 65, "\(arguments): \(environment.summary)")
    }
    XCTAssertEqual(try sandbox.journalBytes(), before, "nothing written")
  }

  // MARK: Damage never locks the team out

  func testAForgedTailIsMovedByRepairAndWritersGoOn() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try Forgery(sandbox: sandbox).append(
      type: "touchpoint.logged", by: "alice", login: login, account: "acme",
      data: ["kind": "call", "summary": "Bad hash"], validHash: false)
    let damaged = try sandbox.journalBytes()
    let badOffset = try XCTUnwrap(try JournalFile.lines(damaged).last).offset

    let refused = try touch(sandbox)
    XCTAssertEqual(refused.status, 74, refused.summary)
    XCTAssertTrue(refused.stderr.contains("run `rapport repair`"), refused.stderr)
    let board = try sandbox.run(["board"])
    XCTAssertEqual(board.status, 0, "readers show everything before the damage: \(board.summary)")
    XCTAssertTrue(board.stdout.contains("Acme"), board.stdout)

    let unconfirmed = try sandbox.run(["repair"])
    XCTAssertEqual(unconfirmed.status, 64, "no terminal, no --yes: \(unconfirmed.summary)")
    XCTAssertEqual(try sandbox.journalBytes(), damaged)

    let repair = try sandbox.run(["repair", "--yes"])
    XCTAssertEqual(repair.status, 0, repair.summary)
    XCTAssertTrue(repair.stdout.contains("record #3"), repair.stdout)
    XCTAssertTrue(repair.stdout.contains("saved #3 journal.repaired"), repair.stdout)
    let record = try lastLine(sandbox)
    XCTAssertEqual(record.type, "journal.repaired")
    XCTAssertEqual(record.data?["from_seq"] as? Int, 3)
    XCTAssertEqual(record.data?["offset"] as? Int, badOffset)
    XCTAssertEqual(record.data?["quarantine"] as? String, sandbox.quarantinePath)
    let quarantine = String(decoding: try XCTUnwrap(sandbox.bytes(of: sandbox.quarantinePath)), as: UTF8.self)
    let entryOffset = try XCTUnwrap(record.data?["quarantine_offset"] as? Int)
    let entry =
      try JSONSerialization.jsonObject(
        with: Data(quarantine.utf8.dropFirst(entryOffset).prefix { $0 != 0x0A })) as? [String: Any]
    let moved = try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(entry?["bytes_base64"] as? String)))
    XCTAssertEqual([UInt8](moved), Array(damaged[badOffset...]), "the moved bytes are kept whole")

    XCTAssertEqual(try sandbox.run(["verify"]).status, 0)
    XCTAssertEqual(try touch(sandbox, "After the repair").status, 0)
  }

  func testDamageFollowedBySoundRecordsIsNotRepaired() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    XCTAssertEqual(try touch(sandbox).status, 0)
    var bytes = try sandbox.journalBytes()
    let lines = try JournalFile.lines(bytes)
    let name = try XCTUnwrap(findBytes(Array(#""name":"Acme""#.utf8), in: bytes, from: lines[1].offset))
    bytes[name + 9] = UInt8(ascii: "X")
    try sandbox.write(bytes, to: sandbox.journalPath)
    let result = try sandbox.run(["repair", "--yes"])
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertTrue(result.stderr.contains("Rapport never rewrites history"), result.stderr)
    XCTAssertEqual(try sandbox.journalBytes(), bytes, "nothing moved")
  }

  func testAnAccountWhoseCreationRecordIsDamagedKeepsItsId() throws {
    // Followed by more of its history, or by anything else (a damaged last record blocks writers).
    for alsoTouched in [false, true] {
      let sandbox = try makeSandbox()
      try sandbox.initWithAcme()
      try sandbox.succeed(["account", "add", "beta", "--name", "Beta", "--tier", "2"])
      if alsoTouched {
        try sandbox.succeed(["touch", "beta", "--kind", "call", "--summary", "Real history"])
      } else {
        try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Another account"])
      }
      var bytes = try sandbox.journalBytes()
      let lines = try JournalFile.lines(bytes)
      let name = try XCTUnwrap(findBytes(Array(#""name":"Beta""#.utf8), in: bytes, from: lines[2].offset))
      bytes[name + 9] = UInt8(ascii: "X")
      try sandbox.write(bytes, to: sandbox.journalPath)
      let impostor = try sandbox.run(["account", "add", "beta", "--name", "Impostor", "--tier", "1"])
      XCTAssertEqual(impostor.status, 65, "touched: \(alsoTouched): \(impostor.summary)")
      XCTAssertTrue(impostor.stderr.contains("the id stays taken"), impostor.stderr)
    }
  }

  // MARK: Evidence never disappears

  func testARewriteBlocksTheWritesOfWhoeverSawItUntilAccepted() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    XCTAssertEqual(try touch(sandbox, "Promised a discount").status, 0)
    try Forgery(sandbox: sandbox).rewrite(seq: 3, replacing: "Promised a discount", with: "Promised nothing")
    let rewritten = try sandbox.journalBytes()

    for attempt in 1...2 {
      let write = try touch(sandbox, "Attempt \(attempt)")
      XCTAssertEqual(write.status, 74, write.summary)
      XCTAssertTrue(write.stderr.contains("its history changed since you last saw it"), write.stderr)
      XCTAssertEqual(try sandbox.journalBytes(), rewritten, "no ordinary write goes through, nor erases it")
      let verify = try sandbox.run(["verify"])
      XCTAssertEqual(verify.status, 1, "attempt \(attempt): \(verify.summary)")
    }
    // Another user (another state folder) has no memory of the old history: they may write.
    let colleague = try sandbox.start(
      executable: sandbox.binary, ["touch", "acme", "--kind", "call", "--summary", "Colleague"],
      environment: ["XDG_STATE_HOME": sandbox.path("colleague-state")]
    ).finish()
    XCTAssertEqual(colleague.status, 0, colleague.summary)
    XCTAssertEqual(try sandbox.run(["verify"]).status, 1, "still not sound for the one who saw it")

    let accept = try sandbox.run(["verify", "--accept-rewrite"])
    XCTAssertEqual(accept.status, 0, accept.summary)
    XCTAssertTrue(accept.stdout.contains("accepted"), accept.stdout)
    XCTAssertEqual(try sandbox.run(["verify"]).status, 0)
    XCTAssertEqual(try touch(sandbox, "After accepting").status, 0)
  }

  func testRecordsCutFromTheEndBlockWritesToo() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    XCTAssertEqual(try touch(sandbox).status, 0)
    let bytes = try sandbox.journalBytes()
    let last = try XCTUnwrap(try JournalFile.lines(bytes).last)
    try sandbox.write(Array(bytes[..<last.offset]), to: sandbox.journalPath)
    let write = try touch(sandbox, "After the cut")
    XCTAssertEqual(write.status, 74, write.summary)
    XCTAssertTrue(write.stderr.contains("records 3…3 are missing"), write.stderr)
  }

  func testACopyOfAJournalDoesNotAlarmTheOriginal() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    XCTAssertEqual(try touch(sandbox).status, 0)
    let copy = sandbox.path("copy.jsonl")
    try sandbox.write(try sandbox.journalBytes(), to: copy)
    for summary in ["On the copy", "Again on the copy"] {
      try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", summary, "--log", copy])
    }
    let write = try touch(sandbox, "On the original")
    XCTAssertEqual(write.status, 0, write.summary)
    XCTAssertFalse(write.stderr.contains("warning"), write.stderr)
    XCTAssertEqual(try sandbox.run(["verify"]).status, 0)
    XCTAssertEqual(try sandbox.run(["verify", "--log", copy]).status, 0)
  }

  func testAJournalReplacedWhileAWriterWaitsForTheLockGetsTheRecord() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let held = open(sandbox.journalPath, O_RDONLY)
    XCTAssertGreaterThanOrEqual(held, 0)
    XCTAssertEqual(flock(held, LOCK_EX), 0)
    let writer = try sandbox.start(
      executable: sandbox.binary, ["touch", "acme", "--kind", "call", "--summary", "Waited for the lock"])
    usleep(400_000)
    // Someone replaces the journal (an editor's save, `cp` then `mv`) while the writer waits.
    let old = sandbox.path("journal.old")
    XCTAssertEqual(rename(sandbox.journalPath, old), 0)
    try sandbox.write(try XCTUnwrap(sandbox.bytes(of: old)), to: sandbox.journalPath)
    close(held)
    let result = try writer.finish()
    XCTAssertEqual(result.status, 0, result.summary)
    let journal = String(decoding: try sandbox.journalBytes(), as: UTF8.self)
    XCTAssertTrue(journal.contains("Waited for the lock"), "the record is in the file the path names")
    let replaced = String(decoding: try XCTUnwrap(sandbox.bytes(of: old)), as: UTF8.self)
    XCTAssertFalse(replaced.contains("Waited for the lock"), "not in the file nobody reads any more")
  }

  // MARK: No file opened through a planted link

  func testAJournalPathThatIsAPlantedLinkIsNotWrittenThrough() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let real = sandbox.path("real.jsonl")
    XCTAssertEqual(rename(sandbox.journalPath, real), 0)
    XCTAssertEqual(symlink(real, sandbox.journalPath), 0)
    let before = try XCTUnwrap(sandbox.bytes(of: real))
    let result = try touch(sandbox)
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertTrue(result.stderr.contains("it is a symbolic link"), result.stderr)
    XCTAssertEqual(sandbox.bytes(of: real), before)
  }

  func testPlantedLinksForTheStateFileAndItsLockAreNotWrittenThrough() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let victim = sandbox.path("victim")
    try sandbox.write(Array("precious\n".utf8), to: victim)
    let state = sandbox.stateHome + "/rapport"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    for name in ["heads.tsv", "heads.tsv.lock"] { unlink(state + "/" + name) }
    XCTAssertEqual(symlink(victim, state + "/heads.tsv"), 0)
    XCTAssertEqual(symlink(victim, state + "/heads.tsv.lock"), 0)
    XCTAssertEqual(try touch(sandbox).status, 0, "the memory is a safeguard, never a reason to refuse work")
    XCTAssertEqual(try sandbox.run(["verify"]).status, 0)
    XCTAssertEqual(sandbox.bytes(of: victim), Array("precious\n".utf8))
  }

  func testPlantedLinksForTheCheckpointLockAndTemporariesAreNotWrittenThrough() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let environment = ["RAPPORT_CHECKPOINT_MIN_RECORDS": "1"]
    let first = try sandbox.start(executable: sandbox.binary, ["board"], environment: environment).finish()
    XCTAssertEqual(first.status, 0, first.summary)
    let folder = sandbox.path("cache/rapport/checkpoints")
    let name = try XCTUnwrap(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".checkpoint") })
    XCTAssertEqual(unlink(folder + "/" + name), 0)
    XCTAssertEqual(unlink(folder + "/.lock"), 0)
    let victim = sandbox.path("victim")
    try sandbox.write(Array("precious\n".utf8), to: victim)
    XCTAssertEqual(symlink(victim, folder + "/.lock"), 0)
    // The old temporary name was the pid: plant the next few hundred.
    let lastPID =
      Int(
        String(decoding: sandbox.bytes(of: "/proc/sys/kernel/ns_last_pid") ?? [], as: UTF8.self)
          .filter(\.isNumber)) ?? 0
    for pid in lastPID..<(lastPID + 300) { symlink(victim, folder + "/\(name).tmp-\(pid)") }

    let locked = try sandbox.start(executable: sandbox.binary, ["board"], environment: environment).finish()
    XCTAssertEqual(locked.status, 0, locked.summary)
    XCTAssertTrue(locked.stderr.contains("it is a symbolic link"), "the planted lock is named: \(locked.stderr)")
    XCTAssertEqual(sandbox.bytes(of: victim), Array("precious\n".utf8))

    XCTAssertEqual(unlink(folder + "/.lock"), 0)
    let written = try sandbox.start(executable: sandbox.binary, ["board"], environment: environment).finish()
    XCTAssertEqual(written.status, 0, written.summary)
    XCTAssertEqual(sandbox.bytes(of: victim), Array("precious\n".utf8))
    var info = stat()
    XCTAssertEqual(lstat(folder + "/" + name, &info), 0, "a checkpoint was written beside the planted links")
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFREG)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
  }

  private func findBytes(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= needle.count else { return nil }
    for index in start...(bytes.count - needle.count) where Array(bytes[index..<(index + needle.count)]) == needle {
      return index
    }
    return nil
  }
}
