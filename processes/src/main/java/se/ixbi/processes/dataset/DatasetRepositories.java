package se.ixbi.processes.dataset;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface DatasetRepository extends JpaRepository<Dataset, String> {

    List<Dataset> findByCaseIdOrderByCreatedAt(String caseId);

    boolean existsByUri(String uri);
}

interface TransformRepository extends JpaRepository<Transform, String> {

    List<Transform> findBySourceDatasetIdIn(Collection<String> datasetIds);
}

interface DatasetPictureRepository extends JpaRepository<DatasetPicture, String> {

    List<DatasetPicture> findByCaseIdOrderByCreatedAtAscNameAsc(String caseId);

    Optional<DatasetPicture> findByIdAndCaseId(String id, String caseId);
}
