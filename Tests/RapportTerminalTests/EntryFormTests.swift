import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The forms behind n o h s a c v u: each appends the right event, refuses bad input inline, and
/// explains itself when the dashboard is read-only.
final class EntryFormTests: XCTestCase {
  /// Filters to `slug` and returns the dashboard with it selected.
  private func dashboard(_ fixture: BookFixture, selecting slug: String) throws -> Dashboard {
    var dashboard = try fixture.dashboard()
    select(slug, in: &dashboard)
    return dashboard
  }

  /// Presses keys, types text, and returns what was appended by the whole sequence.
  private func appended(_ fixture: BookFixture, _ body: () throws -> Void) throws -> [Record] {
    let before = try fixture.records().count
    try body()
    return Array(try fixture.records().dropFirst(before))
  }

  func testNPSResponse() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    let added = try appended(fixture) {
      press(&dashboard, .character("n"))
      XCTAssertTrue(render(dashboard).lines.contains { $0.contains("NPS response: Acme Corporation") })
      type(&dashboard, "11")
      press(&dashboard, .enter)
      XCTAssertEqual(dashboard.state.form?.errors, ["score: a whole number from 0 to 10"])
      press(&dashboard, .backspace, .backspace)
      type(&dashboard, "4")
      press(&dashboard, .tab)
      type(&dashboard, "Dana Lee")
      press(&dashboard, .tab)
      type(&dashboard, "Too slow")
      press(&dashboard, .enter)
    }
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(added.map(\.type), ["nps.recorded"])
    XCTAssertEqual(added.first?.data["score"], .number(4))
    XCTAssertEqual(added.first?.data["contact"], .string("Dana Lee"))
    XCTAssertEqual(added.first?.data["comment"], .string("Too slow"))
  }

  func testAssignOwnerCompletesAKnownOwner() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "globex")
    let added = try appended(fixture) {
      press(&dashboard, .character("o"))
      type(&dashboard, "b")
      XCTAssertEqual(dashboard.state.form?.field(.owner)?.value, "bo")
      XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Assign owner: Globex") })
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["owner.assigned"])
    XCTAssertEqual(added.first?.data["owner"], .string("bo"))
    XCTAssertEqual(dashboard.selection?.account.owner, "bo")
  }

  func testAssignOwnerTakesANewName() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "globex")
    let added = try appended(fixture) {
      press(&dashboard, .character("o"))
      type(&dashboard, "carla")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.first?.data["owner"], .string("carla"))
  }

  func testHandoffWithNote() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    let added = try appended(fixture) {
      press(&dashboard, .character("h"))
      type(&dashboard, "bo")
      press(&dashboard, .tab)
      type(&dashboard, "Renewal in March, CFO is the sponsor")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["owner.handoff"])
    XCTAssertEqual(added.first?.data["owner"], .string("bo"))
    XCTAssertEqual(added.first?.data["previous"], .string("ana"))
    XCTAssertEqual(added.first?.data["note"], .string("Renewal in March, CFO is the sponsor"))
  }

  func testHandoffOfUnownedAccountSaysHowToAssign() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "globex")
    press(&dashboard, .character("h"))
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(dashboard.state.message, "globex has no owner to hand off from: o assigns one")
  }

  func testStagePickedByLetterAndArrows() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    let added = try appended(fixture) {
      press(&dashboard, .character("s"))
      type(&dashboard, "r")
      XCTAssertEqual(dashboard.state.form?.text(of: .stage), "retention")
      press(&dashboard, .down, .up)
      XCTAssertEqual(dashboard.state.form?.text(of: .stage), "retention", "the arrows step through every stage")
      type(&dashboard, "a")
      XCTAssertEqual(dashboard.state.form?.text(of: .stage), "activation")
      type(&dashboard, "a")
      XCTAssertEqual(dashboard.state.form?.text(of: .stage), "advocacy", "the same letter steps on")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["stage.changed"])
    XCTAssertEqual(added.first?.data["stage"], .string("advocacy"))
  }

  func testAddAccountSuggestsSlugAndSelectsIt() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let added = try appended(fixture) {
      press(&dashboard, .character("a"))
      press(&dashboard, .enter)
      XCTAssertEqual(dashboard.state.form?.errors, ["name: required"])
      type(&dashboard, "Initech Ltd.")
      press(&dashboard, .tab, .tab)
      type(&dashboard, "1")
      press(&dashboard, .tab, .tab, .tab)
      type(&dashboard, "+1y")
      press(&dashboard, .enter)
      XCTAssertEqual(dashboard.state.form?.errors.first?.hasPrefix("renewal: not a date"), true)
      press(&dashboard, .backspace, .backspace, .backspace)
      type(&dashboard, "2027-06-30")
      press(&dashboard, .tab)
      type(&dashboard, "48k")
      press(&dashboard, .enter)
    }
    XCTAssertNil(dashboard.state.form, "\(dashboard.state.form?.errors ?? [])")
    XCTAssertEqual(added.map(\.type), ["account.created"])
    let record = try XCTUnwrap(added.first)
    XCTAssertEqual(record.account, "initech-ltd")
    XCTAssertEqual(record.data["name"], .string("Initech Ltd."))
    XCTAssertEqual(record.data["tier"], .number(1))
    XCTAssertEqual(record.data["owner"], .string("ana"))
    XCTAssertEqual(record.data["renewal"], .string("2027-06-30"))
    XCTAssertEqual(dashboard.selection?.account.slug, "initech-ltd")
  }

  func testAddAccountRefusesATakenSlugInline() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let added = try appended(fixture) {
      press(&dashboard, .character("a"))
      type(&dashboard, "Acme")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added, [])
    let errors = try XCTUnwrap(dashboard.state.form?.errors)
    XCTAssertTrue(errors.first?.contains("acme") ?? false, "\(errors)")
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains(errors[0].prefix(30)) })
  }

  func testCriterionAddedThenMet() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    var added = try appended(fixture) {
      press(&dashboard, .character("c"))
      type(&dashboard, "SSO live for all staff")
      press(&dashboard, .tab)
      type(&dashboard, "+30d")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["criterion.added"])
    XCTAssertEqual(added.first?.data["target"], .string(fixture.today.adding(days: 30).description))
    added = try appended(fixture) {
      press(&dashboard, .character("c"), .backTab)
      XCTAssertEqual(dashboard.state.form?.focus, .criterion)
      type(&dashboard, "1")
      XCTAssertEqual(dashboard.state.form?.text(of: .criterion), "1: SSO live for all staff")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["criterion.met"])
    XCTAssertEqual(added.first?.data["date"], .string(fixture.today.description))
  }

  func testValueNote() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    let added = try appended(fixture) {
      press(&dashboard, .character("v"))
      type(&dashboard, "Cut onboarding time from 3 weeks to 4 days")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["value.noted"])
    // The status line keeps the last save after the message is gone.
    press(&dashboard, .character("j"))
    let status = try XCTUnwrap(render(dashboard, columns: 120).lines.last)
    XCTAssertTrue(status.contains("saved #\(try XCTUnwrap(added.first?.seq)) at "), status)
    XCTAssertEqual(added.first?.data["text"], .string("Cut onboarding time from 3 weeks to 4 days"))
  }

  func testRetractAsksFirstAndEscapeKeeps() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    press(&dashboard, .character("u"))
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(dashboard.state.message, "Tab to the timeline and move to the entry to retract")
    press(&dashboard, .tab)
    let seq = try XCTUnwrap(dashboard.selectedTimelineEntry?.seq)
    var added = try appended(fixture) {
      press(&dashboard, .character("u"))
      XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Retract #\(seq) of Acme Corporation?") })
      XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Kickoff call") })
      press(&dashboard, .escape)
    }
    XCTAssertEqual(added, [])
    added = try appended(fixture) {
      press(&dashboard, .character("u"))
      type(&dashboard, "wrong account")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.map(\.type), ["entry.retracted"])
    XCTAssertEqual(added.first?.data["target"], .number(Double(seq)))
    XCTAssertEqual(added.first?.data["reason"], .string("wrong account"))
    XCTAssertFalse(render(dashboard, rows: 40, columns: 120).lines.contains { $0.contains("Kickoff call") })
  }

  func testTheTimelineCursorPicksTheEntryToRetract() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    for summary in ["First", "Second", "Third"] {
      press(&dashboard, .character("t"))
      type(&dashboard, summary)
      press(&dashboard, .enter)
    }
    press(&dashboard, .enter)  // opens the account: the cursor is on the newest entry
    XCTAssertEqual(dashboard.selectedTimelineEntry?.title, "call: Third")
    press(&dashboard, .character("j"), .character("j"))
    let entry = try XCTUnwrap(dashboard.selectedTimelineEntry)
    XCTAssertEqual(entry.title, "call: First")
    let cursorLine = render(dashboard).lines.first { $0.contains("▶") }
    XCTAssertTrue(cursorLine?.contains("call: First") ?? false, "\(render(dashboard).lines)")
    let added = try appended(fixture) {
      press(&dashboard, .character("u"))
      XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Retract #\(entry.seq) of Acme Corporation?") })
      type(&dashboard, "logged twice")
      press(&dashboard, .enter)
    }
    XCTAssertEqual(added.first?.data["target"], .number(Double(entry.seq)))
    XCTAssertEqual(dashboard.selectedTimelineEntry?.title, "call: Third", "back to the newest after the save")
  }

  func testEveryWriteKeyExplainsReadOnly() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard(readOnly: true)
    let added = try appended(fixture) {
      for (key, action) in Dashboard.formKeys {
        press(&dashboard, .character(key))
        XCTAssertNil(dashboard.state.form)
        XCTAssertEqual(
          dashboard.state.message, "read-only, cannot \(action): opened read-only or the journal is not writable")
      }
    }
    XCTAssertEqual(added, [])
  }

  func testEditorTextComesBackIntoTheField() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture, selecting: "acme")
    press(&dashboard, .character("t"))
    type(&dashboard, "Draft")
    XCTAssertEqual(dashboard.handle(.control("x")), .edit("Draft"))
    dashboard.finishEditing("Long call about the renewal.\n\nThey want\nSSO first.\n")
    XCTAssertEqual(dashboard.state.form?.text(of: .summary), "Long call about the renewal. They want SSO first.")
    dashboard.finishEditing(nil)
    XCTAssertEqual(dashboard.state.form?.text(of: .summary), "Long call about the renewal. They want SSO first.")
    press(&dashboard, .tab)
    XCTAssertEqual(dashboard.handle(.control("x")), .redraw, "participants are not a long field")
  }

  func testSuggestedSlugs() {
    XCTAssertEqual(EntryForm.suggestedSlug(for: "Initech Ltd."), "initech-ltd")
    XCTAssertEqual(EntryForm.suggestedSlug(for: "  Café  Noir & Co "), "caf-noir-co")
    XCTAssertEqual(EntryForm.suggestedSlug(for: "東京"), "")
  }
}
