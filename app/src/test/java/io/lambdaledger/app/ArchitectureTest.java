package io.lambdaledger.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.lambdaledger.api.archviolation.ApiReadingTheDatabase;
import io.lambdaledger.api.archviolation.FeatureReachingIntoTheServer;
import io.lambdaledger.reports.archviolation.ReportsWritingSql;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of the design ({@code core} ← {@code db} ← {@code collector}, {@code reports} ←
 * {@code app}; {@code api} on {@code core} only, reading the database through the ports of {@code
 * core.ledger}; SQL in {@code db} only; {@code aws-sim} on {@code core} only), checked on the
 * compiled main classes of every module: a class that breaks one fails the build.
 */
class ArchitectureTest {

  static final String CORE = "io.lambdaledger.core..";
  static final String DB = "io.lambdaledger.db..";
  static final String SIM = "io.lambdaledger.sim..";
  static final String COLLECTOR = "io.lambdaledger.collector..";
  static final String REPORTS = "io.lambdaledger.reports..";
  static final String API = "io.lambdaledger.api..";
  static final String APP = "io.lambdaledger.app..";
  static final String JOOQ = "org.jooq..";
  static final String AWS_SDK = "software.amazon.awssdk..";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // In a reactor build the other modules arrive as jars (`verify`) or as class folders
          // (`test`): both are read; test jars (db's test fixtures) are not.
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.lambdaledger");

  @Test
  void core_is_pure_it_sees_no_other_module_no_sql_no_sdk_and_no_http() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            DB, SIM, COLLECTOR, REPORTS, API, APP, JOOQ, AWS_SDK, "java.sql..", "io.javalin..")
        .check(MAIN);
  }

  @Test
  void db_sees_only_core() {
    noClasses()
        .that()
        .resideInAPackage(DB)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SIM, COLLECTOR, REPORTS, API, APP, AWS_SDK)
        .check(MAIN);
  }

  /** The api reads the database only through the ports of core.ledger: no db class at all. */
  static final ArchRule API_SEES_ONLY_CORE =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DB, JOOQ, AWS_SDK, "java.sql..", SIM, COLLECTOR, REPORTS, APP);

  /**
   * SQL lives in db only: reports hand db's stores a DSLContext but build no query (neither db's
   * generated tables nor jOOQ's DSL).
   */
  static final ArchRule REPORTS_WRITE_NO_SQL =
      noClasses()
          .that()
          .resideInAPackage(REPORTS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              API, COLLECTOR, SIM, APP, AWS_SDK, "io.lambdaledger.db.jooq..", "org.jooq.impl..");

  @Test
  void the_api_sees_only_core_its_ports_and_neither_db_jooq_nor_the_aws_sdk() {
    API_SEES_ONLY_CORE.check(MAIN);
  }

  @Test
  void reports_see_neither_the_api_nor_the_collector_nor_the_aws_sdk_and_write_no_sql() {
    REPORTS_WRITE_NO_SQL.check(MAIN);
  }

  @Test
  void the_rules_report_a_breach() {
    // test classes placed in the api's and the reports' packages that break the arrows
    JavaClasses breaches =
        new ClassFileImporter()
            .importClasses(
                ApiReadingTheDatabase.class,
                ReportsWritingSql.class,
                FeatureReachingIntoTheServer.class);

    assertThat(API_SEES_ONLY_CORE.evaluate(breaches).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("ApiTokenStore"));
    assertThat(REPORTS_WRITE_NO_SQL.evaluate(breaches).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("io.lambdaledger.db.jooq"));
    assertThat(
            API_FEATURES_STAY_OUT_OF_THE_SERVER.evaluate(breaches).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("io.lambdaledger.api.ApiServer"));
  }

  @Test
  void the_collector_sees_neither_reports_nor_the_api() {
    noClasses()
        .that()
        .resideInAPackage(COLLECTOR)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(REPORTS, API, SIM, APP)
        .check(MAIN);
  }

  @Test
  void the_simulator_sees_only_core() {
    noClasses()
        .that()
        .resideInAPackage(SIM)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DB, COLLECTOR, REPORTS, API, APP, JOOQ)
        .check(MAIN);
  }

  @Test
  void the_packages_of_core_have_no_cycles() {
    slices().matching("io.lambdaledger.core.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * Inside the api: the server (the root package) builds the features ({@code costs}, {@code
   * functions}, {@code auth}, {@code alerts}, {@code advice}, {@code operations}), which never
   * reach back into it; {@code http} (request parsing, problems, the caller) serves them all and
   * sees none of them; and no two features depend on each other in a circle.
   */
  static final ArchRule API_FEATURES_STAY_OUT_OF_THE_SERVER =
      noClasses()
          .that()
          .resideInAPackage("io.lambdaledger.api.*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.lambdaledger.api");

  @Test
  void the_api_features_never_reach_back_into_the_server_and_http_sees_no_feature() {
    API_FEATURES_STAY_OUT_OF_THE_SERVER.check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("io.lambdaledger.api.http..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.lambdaledger.api..")
                .and(not(resideInAPackage("io.lambdaledger.api.http.."))))
        .check(MAIN);
    slices().matching("io.lambdaledger.api.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
