import Numerics
import Testing

@Suite("Matrix")
struct MatrixTests {
  let a = Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4])
  let b = Matrix(rows: 2, columns: 2, elements: [5, 6, 7, 8])

  @Test("product of 2x2 matrices")
  func product() {
    #expect(a.multiplied(by: b).elements == [19, 22, 43, 50])
  }

  @Test("product with transposed factors")
  func transposedProducts() {
    // Aᵀ B = [[1,3],[2,4]] [[5,6],[7,8]]
    #expect(a.multiplied(by: b, transposeSelf: true).elements == [26, 30, 38, 44])
    // A Bᵀ = [[1,2],[3,4]] [[5,7],[6,8]]
    #expect(a.multiplied(by: b, transposeOther: true).elements == [17, 23, 39, 53])
    let both = a.multiplied(by: b, transposeSelf: true, transposeOther: true)
    #expect(both == b.multiplied(by: a).transposed())
  }

  @Test("product of rectangular matrices")
  func rectangularProduct() {
    let wide = Matrix(rows: 2, columns: 3, elements: [1, 0, 2, -1, 3, 1])
    let tall = Matrix(rows: 3, columns: 2, elements: [3, 1, 2, 1, 1, 0])
    let product = wide.multiplied(by: tall)
    #expect(product.rows == 2)
    #expect(product.columns == 2)
    #expect(product.elements == [5, 1, 4, 2])

    let gram = wide.multiplied(by: wide, transposeSelf: true)
    #expect(gram.rows == 3)
    #expect(gram == wide.transposed().multiplied(by: wide))
  }

  @Test("matrix-vector product")
  func matrixVector() {
    #expect(a.multiplied(by: [1, -1]) == [-1, -1])
    let wide = Matrix(rows: 2, columns: 3, elements: [1, 0, 2, -1, 3, 1])
    #expect(wide.multiplied(by: [1, 2, 3]) == [7, 8])
  }

  @Test("empty inner dimension gives zeros")
  func emptyInnerDimension() {
    let left = Matrix(rows: 2, columns: 0)
    let right = Matrix(rows: 0, columns: 3)
    let product = left.multiplied(by: right)
    #expect(product == Matrix(rows: 2, columns: 3))
    #expect(left.multiplied(by: []) == [0, 0])
  }

  @Test("identity, subscript and transpose")
  func basics() {
    var m = Matrix.identity(3)
    #expect(m[1, 1] == 1)
    #expect(m[0, 1] == 0)
    m[0, 2] = 7
    #expect(m.elements[2] == 7)
    #expect(m.transposed()[2, 0] == 7)
    #expect(m.transposed().transposed() == m)
    #expect(Matrix.identity(2).multiplied(by: a) == a)
  }
}
