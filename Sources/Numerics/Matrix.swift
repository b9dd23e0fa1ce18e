import CLapack

/// A dense matrix of `Double` values stored in row-major order.
///
/// Element `(i, j)` lives at `elements[i * columns + j]`. Products go through OpenBLAS
/// (`cblas_dgemm` and `cblas_dgemv`). Dimension mismatches are programmer errors and trap
/// with a precondition failure, in the same way that an out-of-range array index does.
public struct Matrix: Sendable, Equatable {
  /// The number of rows.
  public let rows: Int

  /// The number of columns.
  public let columns: Int

  /// The entries in row-major order; the count always equals `rows * columns`.
  public var elements: [Double] {
    didSet {
      precondition(
        elements.count == rows * columns,
        "Matrix.elements must keep \(rows * columns) entries, got \(elements.count)")
    }
  }

  /// Creates a matrix with every entry set to one value.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, at least 0.
  ///   - columns: The number of columns, at least 0.
  ///   - repeating: The value of every entry.
  public init(rows: Int, columns: Int, repeating: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: repeating, count: rows * columns)
  }

  /// Creates a matrix from entries in row-major order.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, at least 0.
  ///   - columns: The number of columns, at least 0.
  ///   - elements: `rows * columns` entries, row after row.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
    precondition(
      elements.count == rows * columns,
      "A \(rows)x\(columns) matrix needs \(rows * columns) elements, got \(elements.count)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// Returns the `n`-by-`n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var result = Matrix(rows: n, columns: n)
    for i in 0..<n {
      result.elements[i * n + i] = 1
    }
    return result
  }

  /// Accesses the entry at a row and column, both counted from 0.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(isValid(row: row, column: column), "Index (\(row), \(column)) out of range")
      return elements[row * columns + column]
    }
    set {
      precondition(isValid(row: row, column: column), "Index (\(row), \(column)) out of range")
      elements[row * columns + column] = newValue
    }
  }

  /// Returns the transpose.
  ///
  /// - Complexity: O(rows × columns).
  public func transposed() -> Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns {
        result.elements[j * rows + i] = elements[i * columns + j]
      }
    }
    return result
  }

  /// Multiplies this matrix by another with `cblas_dgemm`, optionally transposing either one.
  ///
  /// The inner dimensions of `op(self)` and `op(other)` must agree, where `op` is the
  /// transpose when the matching flag is set.
  ///
  /// - Parameters:
  ///   - other: The right-hand factor.
  ///   - transposeSelf: Whether to use the transpose of this matrix.
  ///   - transposeOther: Whether to use the transpose of `other`.
  /// - Returns: `op(self) × op(other)`.
  /// - Complexity: O(m × n × k) for an m-by-k times k-by-n product.
  public func multiplied(
    by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
  ) -> Matrix {
    let m = transposeSelf ? columns : rows
    let k = transposeSelf ? rows : columns
    let otherK = transposeOther ? other.columns : other.rows
    let n = transposeOther ? other.rows : other.columns
    precondition(k == otherK, "Cannot multiply: inner dimensions \(k) and \(otherK) differ")
    Matrix.checkBLASSize(m, n, k)

    var result = Matrix(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else {
      return result
    }

    cblas_dgemm(
      CblasRowMajor,
      transposeSelf ? CblasTrans : CblasNoTrans,
      transposeOther ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k),
      1, elements, blasint(Swift.max(1, columns)),
      other.elements, blasint(Swift.max(1, other.columns)),
      0, &result.elements, blasint(Swift.max(1, n)))
    return result
  }

  /// Multiplies this matrix by a column vector with `cblas_dgemv`.
  ///
  /// - Parameter vector: A vector with `columns` entries.
  /// - Returns: The product, with `rows` entries.
  /// - Complexity: O(rows × columns).
  public func multiplied(by vector: [Double]) -> [Double] {
    precondition(
      vector.count == columns,
      "Cannot multiply a \(rows)x\(columns) matrix by a vector of \(vector.count) entries")
    Matrix.checkBLASSize(rows, columns)

    var result = [Double](repeating: 0, count: rows)
    guard rows > 0, columns > 0 else {
      return result
    }

    cblas_dgemv(
      CblasRowMajor, CblasNoTrans, blasint(rows), blasint(columns),
      1, elements, blasint(columns), vector, 1, 0, &result, 1)
    return result
  }

  private func isValid(row: Int, column: Int) -> Bool {
    row >= 0 && row < rows && column >= 0 && column < columns
  }

  /// Traps when a dimension does not fit in the 32-bit integers that BLAS and LAPACK take.
  static func checkBLASSize(_ dimensions: Int...) {
    for dimension in dimensions {
      precondition(dimension <= Int(Int32.max), "Dimension \(dimension) exceeds BLAS limits")
    }
  }
}
