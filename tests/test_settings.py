"""The defaults are the live site's: polite, robots.txt obeyed."""

from scrapy.settings import Settings

from nejat_crawler import settings as project_settings


def project() -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    return settings


def test_polite_defaults():
    settings = project()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1.0
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 1.0
    assert settings.get("USER_AGENT").startswith("nejat-crawler/")
    assert not settings.getbool("HTTPCACHE_ENABLED")


def test_pipelines_run_dedupe_first_and_validation_last():
    order = sorted(project().getdict("ITEM_PIPELINES").items(), key=lambda item: item[1])
    names = [path.rsplit(".", 1)[1] for path, _ in order]
    assert names[0] == "DedupePipeline" and names[-1] == "ValidatePipeline"
