import RapportDomain
import RapportExchange
import XCTest

/// Imports read the contract value from contract fields only: a company's annual revenue or employee
/// count is never a contract value, found by name or named with `--map`.
final class ContractValueImportTests: XCTestCase {
  func testAmountIsTheValueAndAnnualRevenueIsIgnored() throws {
    let text = """
      Record ID,Company name,Lifecycle Stage,Annual Revenue,Number of Employees,Amount,Close Date
      101,Acme Corp,customer,"$25,000,000",250,"$48,000.00",2026-01-15

      """
    let result = try plan(.accounts, text, against: BookBuilder().book)
    XCTAssertEqual(result.file.mapping.column(of: .value)?.header, "Amount")
    XCTAssertEqual(result.file.mapping.companyFigures, ["Annual Revenue", "Number of Employees"])
    XCTAssertTrue(result.file.mapping.ignored.contains("Annual Revenue"))
    XCTAssertEqual(
      result.commands,
      [
        .addAccount(
          slug: "acme-corp",
          profile: AccountProfile(name: "Acme Corp", tier: 3, stage: .retention, value: Money(cents: 4_800_000)))
      ])
  }

  func testOnlyCompanyFiguresGiveNoValueAndTheAccountStillImports() throws {
    let text = "Company name,Revenue,Employee count,Headcount\nGlobex,1000000,40,40\n"
    let result = try plan(.accounts, text, against: BookBuilder().book)
    XCTAssertNil(result.file.mapping.column(of: .value))
    XCTAssertEqual(result.file.mapping.companyFigures, ["Revenue", "Employee count", "Headcount"])
    XCTAssertEqual(result.problems, [])
    // No value and no renewal date: imported all the same.
    XCTAssertEqual(result.commands, [.addAccount(slug: "globex", profile: AccountProfile(name: "Globex", tier: 3))])
  }

  func testContractColumnsAreFound() throws {
    let headers = [
      "Annual Contract Value", "ACV", "Contract value", "ARR", "Annual recurring revenue", "Deal amount", "Amount",
    ]
    for header in headers {
      let text = "name,Annual Revenue,\(header)\nAcme,9000000,12000\n"
      let result = try plan(.accounts, text, against: BookBuilder().book)
      XCTAssertEqual(result.file.mapping.column(of: .value)?.header, header)
      XCTAssertEqual(result.file.mapping.companyFigures, ["Annual Revenue"], header)
    }
  }

  func testMappingAnnualRevenueToTheValueIsRefused() {
    for column in ["Annual Revenue", "Number of Employees"] {
      let problems = fileProblems(
        .accounts, "name,\(column)\nAcme,9000000\n", options: ImportOptions(overrides: [.value: column]))
      XCTAssertEqual(problems.count, 1, column)
      XCTAssertTrue(problems.first?.message.contains("never a contract value") ?? false, "\(problems)")
    }
  }
}
