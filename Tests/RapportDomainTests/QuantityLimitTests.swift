import RapportDomain
import RapportJournal
import XCTest

/// Usage values a CRM cannot mean (above 10^15, or not finite) are refused before anything is written.
final class QuantityLimitTests: XCTestCase {
  func testUsageAboveTenToTheFifteenIsRefused() {
    var ledger = Ledger(today: testToday)
    ledger.addAccount(owner: "bo")
    for value in [1e308, 1e15 + 1, 2e15, .greatestFiniteMagnitude, .infinity, .nan] {
      guard
        case .invalidValue(let field, _, let expected)? = refusal(
          .recordUsage(slug: "acme", value: value, date: testToday), in: ledger.book)
      else {
        XCTFail("usage \(value) must be refused")
        continue
      }
      XCTAssertEqual(field, "usage value")
      XCTAssertEqual(expected, "a number from 0 to 10^15")
    }
    for value in [0, 1, 1e15] {
      XCTAssertNil(refusal(.recordUsage(slug: "acme", value: value, date: testToday), in: ledger.book), "\(value)")
    }
  }

  func testTheBound() {
    XCTAssertEqual(Quantity.maximum, 1e15)
    XCTAssertTrue(Quantity.isAcceptable(1e15))
    XCTAssertFalse(Quantity.isAcceptable(1e15.nextUp))
    XCTAssertFalse(Quantity.isAcceptable(-0.5))
  }
}
