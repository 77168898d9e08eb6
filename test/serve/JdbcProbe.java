// The PostgreSQL JDBC driver (what DBeaver, Metabase and Tableau use) against `socialsql serve`:
// connection metadata, schemas, tables, columns, and a prepared query. Prints one fact per line.
import java.sql.*;

public class JdbcProbe {
  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/socialsql";
    try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
      DatabaseMetaData md = c.getMetaData();
      System.out.println("product=" + md.getDatabaseProductName());
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) System.out.println("schema=" + rs.getString("TABLE_SCHEM"));
      }
      try (ResultSet rs = md.getTables(null, "agency-eu", "%", new String[] {"TABLE"})) {
        while (rs.next()) System.out.println("table=" + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
      try (ResultSet rs = md.getColumns(null, "agency-eu", "campaigns", "%")) {
        while (rs.next()) System.out.println("column=" + rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT \"Id\", \"Name\", \"CreatedAt\" FROM \"agency-eu\".campaigns WHERE \"Id\" = ?")) {
        ps.setString(1, args[3]);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) System.out.println("row=" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getTimestamp(3).toInstant());
        }
      }
    }
  }
}
