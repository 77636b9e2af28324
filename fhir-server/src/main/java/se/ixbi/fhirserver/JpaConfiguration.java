package se.ixbi.fhirserver;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** HAPI's JPA storage layer for R4 on H2, plus the few beans HAPI expects the application to supply. */
@Configuration(proxyBeanMethods = false)
// the batch jobs (reindex, delete-expunge, ...) are not used, but the R4 DAOs autowire their submitters
@Import({JpaR4Config.class, JpaBatch2Config.class, Batch2JobsConfig.class, ThreadPoolFactoryConfig.class})
class JpaConfiguration {

  @Bean
  DataSource dataSource(FhirServerProperties properties) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(properties.jdbcUrl());
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    // H2 would otherwise close the database in its own shutdown hook, under HAPI's still running schedulers
    dataSource.addDataSourceProperty("DB_CLOSE_ON_EXIT", "FALSE");
    return dataSource;
  }

  /** Picked up by HAPI's FhirContext: narratives would need Thymeleaf, and clients of the stand-in never read them. */
  @Bean
  INarrativeGenerator narrativeGenerator() {
    return new NullNarrativeGenerator();
  }

  /**
   * HAPI's defaults, kept so the stand-in behaves like a stock HAPI server: client-assigned ids must contain a
   * non-digit (Provenance/ixbi-abc is fine, Provenance/123 is refused), references must resolve on write.
   */
  @Bean
  JpaStorageSettings storageSettings() {
    return new JpaStorageSettings();
  }

  @Bean
  PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Primary
  @Bean
  LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    factory.setJpaPropertyMap(
        Map.of(
            // HAPI's own dialect: H2's plain one gets sequences and LOB types wrong for HAPI's schema
            AvailableSettings.DIALECT, HapiFhirH2Dialect.class.getName(),
            // the schema is created on the first start; no migration tool for a throw-away stand-in
            AvailableSettings.HBM2DDL_AUTO, "update",
            // entities are listed by HAPI; classpath scanning of a fat jar is slow and finds nothing more
            AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner",
            // no Lucene/Elasticsearch: searches run on the SQL indexes only
            "hibernate.search.enabled", "false"));
    return factory;
  }

  @Primary
  @Bean
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  /** HAPI keeps search results in the database for paging; this removes the expired ones. */
  @Bean
  IStaleSearchDeletingSvc staleSearchDeletingSvc() {
    return new StaleSearchDeletingSvcImpl();
  }

  /** Which resource types get a REST provider: every type with a DAO, i.e. all of R4. */
  @Bean
  IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
    return new DaoRegistryResourceSupportedSvc(daoRegistry);
  }

  /** Resource counts for the CapabilityStatement, which looks this bean up by name. */
  @Bean(name = "myResourceCountsCache")
  ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
    return ResourceCountCacheUtil.newResourceCountCache(systemDao);
  }

  /** Search result pages are read back from the database, so a next-page link outlives the request that made it. */
  @Bean
  DatabaseBackedPagingProvider databaseBackedPagingProvider() {
    return new DatabaseBackedPagingProvider();
  }
}
