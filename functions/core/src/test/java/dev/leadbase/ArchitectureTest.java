package dev.leadbase;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The boundaries of the slices, checked on the compiled classes: a slice is {@code edge} (doorways, request records,
 * views), {@code app} (use cases), {@code domain} (values, rules, ports) and {@code store} (DynamoDB and SQS adapters).
 */
class ArchitectureTest {
    static final List<String> SLICES = List.of("access", "leads", "companies", "enrichment", "scoring", "changes", "webhooks");

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.leadbase");

    @Test
    void theDomainDependsOnJavaOnly() {
        classes().that().resideInAPackage("dev.leadbase.*.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.leadbase.*.domain..",
                        "dev.leadbase.shared.errors..", "dev.leadbase.shared.ids..")
                .because("values, rules and ports know nothing of HTTP, JSON, DynamoDB or Lambda "
                        + "(besides the error catalogue and id formats every slice shares)")
                .check(PRODUCT);
    }

    @Test
    void useCasesReachNoAdapterAndNoWireType() {
        noClasses().that().resideInAPackage("dev.leadbase.*.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leadbase.*.store..", "dev.leadbase.*.edge..",
                        "dev.leadbase.*.providers..", "dev.leadbase.shared.dynamo..", "dev.leadbase.shared.sqs..",
                        "dev.leadbase.shared.lambda..", "dev.leadbase.shared.http..", "dev.leadbase.shared.json..",
                        "dev.leadbase.shared.config..",
                        "dev.leadbase.composition..", "software.amazon..", "com.amazonaws..", "com.fasterxml..")
                .because("use cases take records made at the edge and talk to stores through domain ports")
                .check(PRODUCT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"access", "leads", "companies", "enrichment", "scoring", "changes", "webhooks"})
    void aSliceNeverReachesIntoAnotherSlicesStore(String slice) {
        String[] others = SLICES.stream().filter(s -> !s.equals(slice)).map(s -> "dev.leadbase." + s + ".store..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.leadbase." + slice + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("each store is its slice's own; other slices ask its use cases or a domain port, "
                        + "and only composition wires them: " + Arrays.toString(others))
                .check(PRODUCT);
    }

    @Test
    void handlersNeverReachStores() {
        noClasses().that().resideInAPackage("dev.leadbase.*.edge..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leadbase.*.store..", "dev.leadbase.shared.dynamo..")
                .because("a doorway calls a use case; composition gives it one wired to its stores")
                .check(PRODUCT);
    }

    @Test
    void noProductionCodeScansATable() {
        noClasses().that().doNotHaveFullyQualifiedName(UPGRADE_SCAN)
                .and().doNotHaveFullyQualifiedName(SEARCH_UPGRADE_SCAN)
                .should().callMethodWhere(target(nameMatching("scan.*")).and(target(owner(assignableTo(DynamoDbClient.class)))))
                .because("lists are served by Query, never Scan")
                .check(PRODUCT);
    }

    /**
     * The exceptions: the upgrades read a whole table once from end to end, which a Scan does at the lowest cost, where
     * a Query per tenant would first need the tenants (themselves only listable by a Scan). The leads upgrade reads the
     * previous layout's leads table, which nothing writes anymore; the search upgrade reads the leads table (to index
     * each lead) and the lead index table (to delete the search entries of the layout before). No other class.
     */
    private static final String UPGRADE_SCAN = "dev.leadbase.leads.store.PreviousLeadsTable";
    private static final String SEARCH_UPGRADE_SCAN = "dev.leadbase.leads.store.DynamoSearchBackfill";

    @ParameterizedTest
    @ValueSource(strings = {UPGRADE_SCAN, SEARCH_UPGRADE_SCAN})
    void theUpgradesAreTheClassesThatScan(String upgrade) {
        classes().that().haveFullyQualifiedName(upgrade)
                .should().callMethodWhere(target(nameMatching("scan")).and(target(owner(assignableTo(DynamoDbClient.class)))))
                .because("the exceptions above name the classes that really scan: each goes if its scan goes")
                .check(PRODUCT);
    }
}
