# hdswatch image for the production stack (docker-compose.yml): Airflow 3 with the project's
# locked dependencies, the DAGs and the application package.
FROM apache/airflow:3.3.2-python3.11
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-fra poppler-utils \
 && rm -rf /var/lib/apt/lists/*
USER airflow
COPY --chown=airflow:root requirements.lock /opt/hdswatch/requirements.lock
RUN pip install --no-cache-dir -r /opt/hdswatch/requirements.lock
COPY --chown=airflow:root . /opt/hdswatch
RUN pip install --no-cache-dir --no-deps -e /opt/hdswatch
ENV AIRFLOW__CORE__DAGS_FOLDER=/opt/hdswatch/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=/opt/hdswatch/plugins \
    AIRFLOW__CORE__LOAD_EXAMPLES=False
