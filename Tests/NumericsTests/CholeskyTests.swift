import Foundation
import Numerics
import Testing

@Suite("Cholesky")
struct CholeskyTests {
  let spd = Matrix(rows: 2, columns: 2, elements: [4, 2, 2, 3])

  @Test("factor of 2x2 matrix")
  func factor() throws {
    let cholesky = try Cholesky(spd)
    // L = [[2, 0], [1, √2]]
    #expect(cholesky.lower[0, 0] == 2)
    #expect(cholesky.lower[0, 1] == 0)
    #expect(cholesky.lower[1, 0] == 1)
    #expect(abs(cholesky.lower[1, 1] - 2.0.squareRoot()) < 1e-14)
  }

  @Test("solve against hand answer")
  func solve() throws {
    let cholesky = try Cholesky(spd)
    // [[4,2],[2,3]] x = [2, 5]  gives  x = [-0.5, 2]
    let x = cholesky.solve([2, 5])
    #expect(abs(x[0] + 0.5) < 1e-12)
    #expect(abs(x[1] - 2) < 1e-12)

    let rhs = Matrix(rows: 2, columns: 2, elements: [2, 4, 5, 2])
    let solutions = cholesky.solve(rhs)
    #expect(abs(solutions[0, 0] + 0.5) < 1e-12)
    #expect(abs(solutions[1, 0] - 2) < 1e-12)
    // Second column: [4, 2] gives [1, 0].
    #expect(abs(solutions[0, 1] - 1) < 1e-12)
    #expect(abs(solutions[1, 1]) < 1e-12)
  }

  @Test("log-determinant")
  func logDeterminant() throws {
    let cholesky = try Cholesky(spd)
    #expect(abs(cholesky.logDeterminant - log(8.0)) < 1e-12)
  }

  @Test("inverse times matrix is identity")
  func inverse() throws {
    let matrix = Matrix(rows: 3, columns: 3, elements: [6, 2, 1, 2, 5, 2, 1, 2, 4])
    let inverse = try Cholesky(matrix).inverse()
    #expect(inverse[0, 2] == inverse[2, 0])
    let product = inverse.multiplied(by: matrix)
    let identity = Matrix.identity(3)
    for (actual, expected) in zip(product.elements, identity.elements) {
      #expect(abs(actual - expected) < 1e-12)
    }
  }

  @Test("triangular solve")
  func triangularSolve() throws {
    let cholesky = try Cholesky(spd)
    // L = [[2,0],[1,√2]], L y = [4, 4]  gives  y = [2, 2/√2]
    let y = cholesky.solveLower([4, 4])
    #expect(abs(y[0] - 2) < 1e-14)
    #expect(abs(y[1] - 2 / 2.0.squareRoot()) < 1e-14)

    // |L⁻¹ b|² equals bᵀ A⁻¹ b.
    let b = [1.0, -3.0]
    let z = cholesky.solveLower(b)
    let x = cholesky.solve(b)
    let quadratic = b[0] * x[0] + b[1] * x[1]
    #expect(abs(z[0] * z[0] + z[1] * z[1] - quadratic) < 1e-12)
  }

  @Test("indefinite matrix throws")
  func indefinite() {
    let indefinite = Matrix(rows: 2, columns: 2, elements: [1, 2, 2, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
      try Cholesky(indefinite)
    }
    let negative = Matrix(rows: 2, columns: 2, elements: [-1, 0, 0, 1])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 1)) {
      try Cholesky(negative)
    }
  }

  @Test("bad shapes and values throw")
  func badInput() {
    #expect(throws: LinearAlgebraError.notSquare) {
      try Cholesky(Matrix(rows: 2, columns: 3))
    }
    let withNaN = Matrix(rows: 2, columns: 2, elements: [1, 0, .nan, 1])
    #expect(throws: LinearAlgebraError.nonFinite) {
      try Cholesky(withNaN)
    }
  }

  @Test("jitter rescues duplicate-point kernel")
  func jitter() throws {
    // Squared-exponential kernel of the points 0, 0, 1: the first two rows are equal.
    let points = [0.0, 0.0, 1.0]
    var kernel = Matrix(rows: 3, columns: 3)
    for i in 0..<3 {
      for j in 0..<3 {
        let d = points[i] - points[j]
        kernel[i, j] = exp(-0.5 * d * d)
      }
    }
    let (cholesky, jitterUsed) = try Cholesky.factorWithJitter(kernel, initialJitter: 1e-10)
    #expect(jitterUsed > 0)
    #expect(jitterUsed < 1e-3)
    #expect(cholesky.logDeterminant.isFinite)

    let reconstructed = cholesky.lower.multiplied(by: cholesky.lower, transposeOther: true)
    for i in 0..<3 {
      let expected = kernel[i, i] + jitterUsed
      #expect(abs(reconstructed[i, i] - expected) < 1e-9)
    }
  }

  @Test("jitter is zero for a definite matrix")
  func noJitterNeeded() throws {
    let (cholesky, jitterUsed) = try Cholesky.factorWithJitter(spd)
    #expect(jitterUsed == 0)
    #expect(cholesky.lower[0, 0] == 2)
  }

  @Test("jitter gives up on a strongly indefinite matrix")
  func jitterGivesUp() {
    let indefinite = Matrix(rows: 2, columns: 2, elements: [1, 0, 0, -5])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
      try Cholesky.factorWithJitter(indefinite, initialJitter: 1e-10, maxAttempts: 3)
    }
  }
}
