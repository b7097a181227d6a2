extension Array {
  /// Visits every element where it lies. Iterating copies of these structs (each holding strings and
  /// arrays) spent most of a board's time on reference counting; a pointer reads fields without a copy.
  @inline(__always)
  func visit(_ body: (UnsafePointer<Element>) -> Void) {
    withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for index in 0..<buffer.count { body(base + index) }
    }
  }
}
