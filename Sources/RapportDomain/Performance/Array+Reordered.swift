extension Array {
  /// The elements reordered so that position `i` holds `self[order[i]]` (`order` a permutation of the
  /// indices), by swaps along the permutation's cycles: moves, where indexing would copy each element
  /// and release the original. Consuming: a borrowed array would be copied whole, element by element,
  /// at the first swap (a board's assessments hold a dozen references each).
  public consuming func reordered(by order: [Int]) -> [Element] {
    var order = order
    // Swapped in the buffer: it moves the elements. This function is not specialised for the caller's
    // element type, and the collection's generic `swapAt` copies (retains) every element it swaps.
    withUnsafeMutableBufferPointer { items in
      for start in order.indices {
        var position = start
        while true {
          let source = order[position]
          order[position] = position
          if source == start || source == position { break }
          items.swapAt(position, source)
          position = source
        }
      }
    }
    return self
  }
}
