import Testing
import TestSupport

@testable import Explore

@Suite("Hypervolume")
struct HypervolumeTests {
  /// Volume of the union of boxes [point, reference] by splitting space into the grid cells
  /// that the points' coordinates form: exact, and slow enough to be obviously right.
  static func bruteForce(_ points: [[Double]], _ reference: [Double]) -> Double {
    let dimensions = reference.count
    let inside = points.filter { zip($0, reference).allSatisfy { $0 < $1 } }
    let grids = (0..<dimensions).map { axis in
      (Set(inside.map { $0[axis] }).union([reference[axis]])).sorted()
    }
    var total = 0.0
    var cell = [Int](repeating: 0, count: dimensions)
    while true {
      var volume = 1.0
      var corner = [Double](repeating: 0, count: dimensions)
      var empty = false
      for axis in 0..<dimensions {
        guard cell[axis] + 1 < grids[axis].count else {
          empty = true
          break
        }
        corner[axis] = grids[axis][cell[axis]]
        volume *= grids[axis][cell[axis] + 1] - grids[axis][cell[axis]]
      }
      if !empty, inside.contains(where: { point in zip(point, corner).allSatisfy { $0 <= $1 } }) {
        total += volume
      }
      var axis = 0
      while axis < dimensions {
        cell[axis] += 1
        if cell[axis] < grids[axis].count { break }
        cell[axis] = 0
        axis += 1
      }
      if axis == dimensions { break }
    }
    return total
  }

  @Test("matches brute force on random fronts", arguments: [2, 3, 4])
  func matchesBruteForce(dimensions: Int) throws {
    var generator = SeededGenerator(seed: UInt64(100 + dimensions))
    for trial in 0..<20 {
      let count = 1 + trial % 9
      let points = (0..<count).map { _ in
        (0..<dimensions).map { _ in Double(Int.random(in: 0..<8, using: &generator)) / 2 }
      }
      let reference = [Double](repeating: 4.5, count: dimensions)
      let exact = try Hypervolume.compute(points, reference: reference)
      let expected = Self.bruteForce(points, reference)
      #expect(abs(exact - expected) <= 1e-9 * max(1, expected), "trial \(trial): \(points)")
    }
  }

  @Test("two-dimensional staircase by hand")
  func staircase() throws {
    let points: [[Double]] = [[1, 3], [2, 2], [3, 1]]
    #expect(try Hypervolume.compute(points, reference: [4, 4]) == 6)
  }

  @Test("points outside the reference add nothing")
  func outsideReference() throws {
    #expect(try Hypervolume.compute([[5, 1]], reference: [4, 4]) == 0)
    #expect(try Hypervolume.compute([[4, 1]], reference: [4, 4]) == 0)
  }

  @Test("mismatched dimensions throw")
  func mismatchedDimensions() {
    #expect(throws: HypervolumeError.dimensionMismatch(expected: 2, found: 3)) {
      try Hypervolume.compute([[1, 2, 3]], reference: [4, 4])
    }
  }

  @Test("archive respects maximised objectives")
  func archiveDirections() throws {
    var archive = ParetoArchive<Int>(directions: [.minimize, .maximize])
    let inserted = [
      archive.insert([10, 100], payload: 0),
      archive.insert([11, 90], payload: 1),
      archive.insert([5, 50], payload: 2),
      archive.insert([5, 60], payload: 3),
    ]
    #expect(inserted == [true, false, true, true])
    #expect(archive.members.map(\.payload).sorted() == [0, 3])
    // Dominated area between latency 0..20 and throughput 0..: (20-10)*100 + (10-5)*60.
    #expect(try archive.hypervolume(reference: [20, 0]) == 1300)
  }

  @Test("non-dominated filter keeps duplicates and drops NaN")
  func nonDominatedFilter() {
    let points: [[Double]] = [[1, 2], [1, 2], [2, 1], [3, 3], [.nan, 0]]
    #expect(Dominance.nonDominatedIndices(points) == [0, 1, 2])
  }
}
