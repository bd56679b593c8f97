# SAM `makefile` build method: `sam build` calls build-<LogicalId> for each function in template.yaml,
# with ARTIFACTS_DIR set; each target Native-AOT-publishes one project into a single `bootstrap` file.
# ARCHITECTURE must match the template's Architecture parameter (SAM does not pass it to make):
#   ARCHITECTURE=arm64 sam build && sam deploy --parameter-overrides Architecture=arm64 ...

ARCHITECTURE ?= x86_64
DOTNET ?= dotnet
CONFIGURATION ?= Release

ifeq ($(ARCHITECTURE),x86_64)
RID := linux-x64
else ifeq ($(ARCHITECTURE),arm64)
RID := linux-arm64
else
$(error ARCHITECTURE must be x86_64 or arm64, not '$(ARCHITECTURE)')
endif

PUBLISH_DIR = artifacts/publish/$(RID)

# $(1) = project folder under src/. Publishes to a staging folder, then copies only the executable:
# the .dbg symbols stay out of the deployment package.
define publish
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (run through sam build)"; exit 2; }
	$(DOTNET) publish src/$(1)/$(1).csproj -c $(CONFIGURATION) -r $(RID) --nologo -p:PublishAot=true -o $(PUBLISH_DIR)/$(1)
	mkdir -p "$(ARTIFACTS_DIR)"
	cp $(PUBLISH_DIR)/$(1)/bootstrap "$(ARTIFACTS_DIR)/bootstrap"
	chmod 755 "$(ARTIFACTS_DIR)/bootstrap"
endef

.PHONY: build-GetPackageFunction build-PostScanFunction build-CollectorFunction \
        build-RefreshDispatcherFunction build-RetryDispatcherFunction

build-GetPackageFunction:
	$(call publish,DepHealth.Functions.GetPackage)

build-PostScanFunction:
	$(call publish,DepHealth.Functions.PostScan)

build-CollectorFunction:
	$(call publish,DepHealth.Functions.Collector)

build-RefreshDispatcherFunction:
	$(call publish,DepHealth.Functions.RefreshDispatcher)

build-RetryDispatcherFunction:
	$(call publish,DepHealth.Functions.RetryDispatcher)
