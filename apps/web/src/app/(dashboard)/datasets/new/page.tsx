import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { UploadDatasetForm } from "@/features/datasets/components/upload-dataset-form";
import { getWebEnv } from "@/server/env";

export const metadata: Metadata = { title: "Upload a dataset" };
// The upload limit is a runtime setting (MAX_UPLOAD_BYTES), so this page is rendered per request.
export const dynamic = "force-dynamic";

export default function NewDatasetPage() {
  return (
    <>
      <PageHeader
        title="Upload a dataset"
        description="Every row is checked before anything is stored; problems are listed with their row numbers."
      />
      <UploadDatasetForm maxUploadBytes={getWebEnv().MAX_UPLOAD_BYTES} />
    </>
  );
}
