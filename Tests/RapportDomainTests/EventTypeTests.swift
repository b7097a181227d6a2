import RapportDomain
import XCTest

/// Every record's type is looked up by name (`EventType(name:)`) through a table keyed by a few of the
/// name's bytes: every type must be found, and nothing else.
final class EventTypeTests: XCTestCase {
  func testEveryTypeIsFoundByItsName() {
    for type in EventType.allCases {
      XCTAssertEqual(EventType(name: type.rawValue), type, type.rawValue)
      // The same name in a string of another make (bridged, sliced, not small).
      let padded = "\(type.rawValue)                    "
      XCTAssertEqual(EventType(name: String(padded.prefix(type.rawValue.count))), type)
    }
  }

  func testNamesThatAreNoTypeAreNotFound() {
    var others = ["", "a", "nps", "note", "touchpoint.logge", "touchpoint.logged ", " touchpoint.logged"]
    others += ["TOUCHPOINT.LOGGED", "touchpoint.Logged", "touchpoint-logged", "t\u{0}uchpoint.logged"]
    for type in EventType.allCases {
      // Same length, first byte and fifth byte from the end as the type, another byte changed.
      var bytes = Array(type.rawValue.utf8)
      bytes[1] = bytes[1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
      others.append(String(decoding: bytes, as: UTF8.self))
      others.append(type.rawValue + "s")
      others.append(String(type.rawValue.dropLast()))
    }
    for name in others { XCTAssertNil(EventType(name: name), name) }
  }
}
